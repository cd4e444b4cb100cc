/** Median of a list of timings. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Row {
  figure: string;
  value: string;
  target?: string;
}

export function printTable(title: string, rows: readonly Row[]): void {
  const width = Math.max(...rows.map((r) => r.figure.length), 10);
  const lines = rows.map((r) => `  ${r.figure.padEnd(width)}  ${r.value.padStart(12)}${r.target ? `   (target ${r.target})` : ''}`);
  console.log(`\n${title}\n${lines.join('\n')}`);
}

export const ratio = (value: number) => `${value.toFixed(2)}×`;
export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** A figure measured several times: its median, and the range it moved in. */
export interface Spread {
  min: number;
  median: number;
  max: number;
  runs: number;
}

export function spread(values: readonly number[]): Spread {
  return { min: Math.min(...values), median: median(values), max: Math.max(...values), runs: values.length };
}

/** "12.3 ms (10.1–15.0, 11 runs)": the median first, then where it moved. */
export const msSpread = ({ min, median: mid, max, runs }: Spread) => `${mid.toFixed(1)} ms (${min.toFixed(1)}–${max.toFixed(1)}, ${runs} runs)`;

/** Paired runs, `values[i]` against `baseline[i]`: the ratio of the medians, and the range of the runs' own ratios. */
export function ratioSpread(values: readonly number[], baseline: readonly number[]): string {
  const perRun = values.map((value, i) => value / baseline[i]!);
  return `${ratio(median(values) / median(baseline))} (${Math.min(...perRun).toFixed(2)}–${Math.max(...perRun).toFixed(2)}×, ${values.length} runs)`;
}

/** A full collection, where node runs with --expose-gc (the bench project does). */
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * Times each of `subjects` `rounds` times, taking turns (a, b, a, b, …) so that a slow spell
 * of the machine falls on all of them alike; returns every subject's samples in ms.
 */
export async function takeTurns<K extends string>(rounds: number, subjects: Record<K, () => unknown>): Promise<Record<K, number[]>> {
  const samples = Object.fromEntries(Object.keys(subjects).map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(subjects) as Array<[K, () => unknown]>) {
      collectGarbage();
      const start = performance.now();
      await run();
      samples[name].push(performance.now() - start);
    }
  }
  return samples;
}

/** The median of `samples` as a throughput, with the range it moved in: "18.9 MB/s (17.0–19.5)". */
export function mbPerSecond(bytes: number, samples: readonly number[]): string {
  const rate = (ms: number) => bytes / 1e6 / (ms / 1000);
  return `${rate(median(samples)).toFixed(1)} MB/s (${rate(Math.max(...samples)).toFixed(1)}–${rate(Math.min(...samples)).toFixed(1)}, ${samples.length} runs)`;
}
