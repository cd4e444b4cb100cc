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
