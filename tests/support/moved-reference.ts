import { diffArrays } from 'diff';
import { MIN_MOVED_WORDS, NEAR_MOVE_SIMILARITY } from '../../lib/diff/moves';
import { overlap, wordCount, words } from './word-accuracy';

/**
 * The reference word diff with moves, built from the two versions' lines (blocks, or the
 * rendered text's lines) on its own, not with DocDelta's move finder: lines pair when found
 * once in each version, or as each other's likeliest twin; of the pairs, those in the same
 * order in both and weighing most in words stayed (dynamic programming), the others moved.
 * Moved lines next to each other in both versions are one passage, grown over identical
 * unpaired lines around it, counted when it has at least MIN_MOVED_WORDS words (the
 * thresholds DocDelta documents). What did not move is compared by a plain token diff, as
 * `referenceDiff`; a twin's own edits are added and removed.
 */
export function referenceDiffWithMoves(oldLines: readonly string[], newLines: readonly string[]): { added: string[]; removed: string[]; moved: string[] } {
  const count = (lines: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
    return counts;
  };
  const [oldCounts, newCounts] = [count(oldLines), count(newLines)];
  const shared = (line: string) => line.trim() !== '' && oldCounts.get(line) === 1 && newCounts.get(line) === 1;
  // Pairs of lines, as [old, new] indices: the same line once in each, then lines left over
  // whose likeliest twin (each the other's) shares NEAR_MOVE_SIMILARITY of their tokens.
  const pairs: Array<[number, number]> = [];
  const oldAt = new Map(oldLines.map((line, index) => [line, index] as const));
  newLines.forEach((line, index) => {
    if (shared(line)) pairs.push([oldAt.get(line)!, index]);
  });
  pairs.push(...likelyTwins(oldLines, newLines, new Set(pairs.map(([o]) => o)), new Set(pairs.map(([, n]) => n))));
  pairs.sort((a, b) => a[1] - b[1]);
  // What stayed: of the pairs in the same order in both versions, those weighing most in words
  // (plus one a line), by dynamic programming over every earlier pair (quadratic, for a test).
  const weight = ([, n]: [number, number]) => wordCount(words(newLines[n]!)) + 1;
  const best = pairs.map(weight);
  const from = pairs.map(() => -1);
  pairs.forEach((pair, i) => {
    for (let j = 0; j < i; j++) {
      if (pairs[j]![0] < pair[0] && best[j]! + weight(pair) > best[i]!) [best[i], from[i]] = [best[j]! + weight(pair), j];
    }
  });
  const stayed = new Set<number>();
  for (let i = best.indexOf(Math.max(0, ...best)); i >= 0; i = from[i]!) stayed.add(pairs[i]![0]);
  // Passages: moved pairs next to each other in both versions, grown over the same lines on
  // either side that nothing paired (a repeated closing brace inside a moved section).
  const taken = { old: new Set(pairs.map(([o]) => o)), new: new Set(pairs.map(([, n]) => n)) };
  const take = (o: number, n: number) => {
    const free = o >= 0 && n >= 0 && o < oldLines.length && n < newLines.length && !taken.old.has(o) && !taken.new.has(n) && oldLines[o] === newLines[n];
    if (free) {
      taken.old.add(o);
      taken.new.add(n);
    }
    return free;
  };
  const runs: Array<Array<[number, number]>> = [];
  for (const pair of pairs) {
    if (stayed.has(pair[0])) continue;
    const last = runs.at(-1)?.at(-1);
    if (last && pair[0] === last[0] + 1 && pair[1] === last[1] + 1) runs.at(-1)!.push(pair);
    else runs.push([pair]);
  }
  for (const run of runs) {
    for (let [o, n] = run[0]!; take(o - 1, n - 1); o--, n--) run.unshift([o - 1, n - 1]);
    for (let [o, n] = run.at(-1)!; take(o + 1, n + 1); o++, n++) run.push([o + 1, n + 1]);
  }
  // Runs that growing made touch are one passage.
  for (let k = runs.length - 1; k > 0; k--) {
    const [a, b] = [runs[k - 1]!, runs[k]!];
    if (a.at(-1)![0] + 1 === b[0]![0] && a.at(-1)![1] + 1 === b[0]![1]) runs.splice(k - 1, 2, [...a, ...b]);
  }
  const moved = runs.filter((run) => wordCount(run.flatMap(([, n]) => words(newLines[n]!))) >= MIN_MOVED_WORDS).flat();
  const movedOld = new Set(moved.map(([o]) => o));
  const movedNew = new Set(moved.map(([, n]) => n));
  const rest = (lines: readonly string[], out: Set<number>) => lines.filter((_, index) => !out.has(index)).join('\n');
  const result = diffArrays(words(rest(oldLines, movedOld)), words(rest(newLines, movedNew)));
  // A line edited on the way: its edits are added and removed, the rest moved.
  const edits = moved.map(([o, n]) => diffArrays(words(oldLines[o]!), words(newLines[n]!)));
  return {
    added: [...result.filter((c) => c.added).flatMap((c) => c.value), ...edits.flatMap((e) => e.filter((c) => c.added).flatMap((c) => c.value))],
    removed: [...result.filter((c) => c.removed).flatMap((c) => c.value), ...edits.flatMap((e) => e.filter((c) => c.removed).flatMap((c) => c.value))],
    moved: edits.flatMap((e) => e.filter((c) => !c.added && !c.removed).flatMap((c) => c.value)),
  };
}

/** Lines left unpaired, each paired with the other version's line it shares most tokens with, when that is mutual and at least NEAR_MOVE_SIMILARITY (Dice). */
function likelyTwins(oldLines: readonly string[], newLines: readonly string[], pairedOld: Set<number>, pairedNew: Set<number>): Array<[number, number]> {
  const bags = (lines: readonly string[], paired: Set<number>) =>
    lines.flatMap((line, index) => (paired.has(index) || wordCount(words(line)) < MIN_MOVED_WORDS ? [] : [{ index, tokens: words(line) }]));
  const olds = bags(oldLines, pairedOld);
  const news = bags(newLines, pairedNew);
  const dice = (a: string[], b: string[]) => (2 * overlap(a, b)) / (a.length + b.length);
  const best = (from: typeof olds, to: typeof news) =>
    from.map((a) => {
      let found = -1;
      let score = NEAR_MOVE_SIMILARITY;
      to.forEach((b, k) => {
        const s = dice(a.tokens, b.tokens);
        if (s >= score) [found, score] = [k, s];
      });
      return found;
    });
  const oldBest = best(olds, news);
  const newBest = best(news, olds);
  return olds.flatMap((a, i) => (oldBest[i]! >= 0 && newBest[oldBest[i]!] === i ? [[a.index, news[oldBest[i]!]!.index] as [number, number]] : []));
}

/** `referenceDiffWithMoves` of two rendered articles (innerText): their non-empty lines stand for blocks. */
export function referenceFromRendered(before: string, after: string): ReturnType<typeof referenceDiffWithMoves> {
  const lines = (rendered: string) => rendered.split('\n').map((line) => line.trim()).filter(Boolean);
  return referenceDiffWithMoves(lines(before), lines(after));
}
