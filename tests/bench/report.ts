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
 * Times each of `subjects` `rounds` times, taking turns so that a slow spell of the machine
 * falls on all of them alike; returns every subject's samples in ms. The order flips every round
 * (a, b, then b, a): whoever runs right after the collection, or right after another's garbage,
 * is not always the same subject.
 */
export async function takeTurns<K extends string>(rounds: number, subjects: Record<K, () => unknown>): Promise<Record<K, number[]>> {
  const samples = emptySamples(subjects);
  for (let round = 0; round < rounds; round++) await oneRound(subjects, samples, round);
  return samples;
}

/**
 * Like takeTurns, after one untimed round (the JIT's first compilations are no one's figure),
 * then round after round until the median of every paired ratio in `figures` is known within
 * `tolerance` either side (its 95% interval, pairedRatio), or `maxRounds` or `budgetMs` ran out:
 * how many rounds a figure needs depends on how noisy the machine is today.
 */
export async function turnsUntilSteady<K extends string>(
  subjects: Record<K, () => unknown>,
  figures: ReadonlyArray<readonly [NoInfer<K>, NoInfer<K>]>,
  { minRounds = 9, maxRounds = 401, budgetMs = 180_000, tolerance = 0.05, clock = () => performance.now() } = {},
): Promise<Record<K, number[]>> {
  await oneRound(subjects, emptySamples(subjects), 0, clock);
  const samples = emptySamples(subjects);
  const start = clock();
  for (let round = 0; round < maxRounds; round++) {
    await oneRound(subjects, samples, round, clock);
    if (round + 1 < minRounds) continue;
    if (figures.every(([value, baseline]) => isSteady(pairedRatio(samples[value], samples[baseline]), tolerance))) break;
    if (clock() - start > budgetMs) break;
  }
  return samples;
}

const emptySamples = <K extends string>(subjects: Record<K, unknown>) => Object.fromEntries(Object.keys(subjects).map((name) => [name, [] as number[]])) as Record<K, number[]>;

async function oneRound<K extends string>(subjects: Record<K, () => unknown>, samples: Record<K, number[]>, round: number, clock = () => performance.now()): Promise<void> {
  const order = Object.entries(subjects) as Array<[K, () => unknown]>;
  for (const [name, run] of round % 2 ? order.reverse() : order) {
    collectGarbage();
    const start = clock();
    await run();
    samples[name].push(clock() - start);
  }
}

/**
 * A figure measured in pairs (`values[i]` right beside `baseline[i]`): the median of the pairs'
 * own ratios, so a slow spell that slows both halves of a pair cancels, with a distribution-free
 * 95% interval of that median (the order statistics n/2 ∓ 0.98·√n) and the range of the pairs.
 */
export interface PairedRatio {
  median: number;
  low: number;
  high: number;
  min: number;
  max: number;
  pairs: number;
}

export function pairedRatio(values: readonly number[], baseline: readonly number[]): PairedRatio {
  const ratios = values.map((value, i) => value / baseline[i]!).sort((a, b) => a - b);
  const n = ratios.length;
  const reach = 0.98 * Math.sqrt(n);
  return {
    median: median(ratios),
    low: ratios[Math.max(0, Math.floor(n / 2 - reach))]!,
    high: ratios[Math.min(n - 1, Math.ceil(n / 2 + reach) - 1)]!,
    min: ratios[0]!,
    max: ratios[n - 1]!,
    pairs: n,
  };
}

/** Whether the median is known within `tolerance` of itself either side. */
export const isSteady = (figure: PairedRatio, tolerance = 0.05) => figure.high <= figure.median * (1 + tolerance) && figure.low >= figure.median * (1 - tolerance);

/** "1.05× (1.01–1.09 at 95%; pairs 0.80–1.31, 23 pairs)", and "not steady" when the interval is wider than ±5%. */
export const pairedRatioText = (figure: PairedRatio) =>
  `${ratio(figure.median)} (${figure.low.toFixed(2)}–${figure.high.toFixed(2)} at 95%${isSteady(figure) ? '' : ', not steady'}; pairs ${figure.min.toFixed(2)}–${figure.max.toFixed(2)}, ${figure.pairs} pairs)`;

/** The median of `samples` as a throughput, with the range it moved in: "18.9 MB/s (17.0–19.5)". */
export function mbPerSecond(bytes: number, samples: readonly number[]): string {
  const rate = (ms: number) => bytes / 1e6 / (ms / 1000);
  return `${rate(median(samples)).toFixed(1)} MB/s (${rate(Math.max(...samples)).toFixed(1)}–${rate(Math.min(...samples)).toFixed(1)}, ${samples.length} runs)`;
}
