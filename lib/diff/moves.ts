import { blockKey, type Block } from '../blocks';
import { countWords, tokenize } from './tokens';
import { heaviestIncreasingRun } from './increasing-run';

/** A passage shorter than this (in words) is not called moved: a lone "Example" heading or closing brace repeats everywhere. */
export const MIN_MOVED_WORDS = 8;
/** A block edited while it moved is still the same passage when its token lists are this alike (Dice's coefficient over the two multisets). */
export const NEAR_MOVE_SIMILARITY = 0.9;
/** Blocks shorter than this are moved only as they are, never as "nearly the same". */
const MIN_NEAR_WORDS = 8;
/** Unpaired old × new blocks compared for near moves at most: past it, only exact moves are found (linear). */
const MAX_NEAR_COMPARISONS = 40_000;

/** Blocks that moved as one passage: old [oldStart, oldEnd) is new [newStart, newEnd), block for block. */
export interface MovedRun {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
  /** The new block the passage's old place is after, as far as the blocks that stayed tell (null: the page's top). */
  fromAfter: number | null;
  /** Which blocks of the run changed words on the way (compared word by word later). */
  edited: boolean[];
}

/**
 * Passages that left one place and stand, unchanged or nearly, at another. Blocks found once
 * in each version (same kind, same text) pair as they are; blocks left over pair with their
 * likeliest twin when the two token lists reach NEAR_MOVE_SIMILARITY. Of all those pairs, the
 * heaviest run (in words) in the same order in both versions stayed where it was; the others
 * moved. Moved pairs next to each other in both versions are one passage, grown over the
 * identical blocks around it that nothing paired, and kept when it has MIN_MOVED_WORDS words.
 * O(n log n) in blocks, plus at most MAX_NEAR_COMPARISONS comparisons of token lists.
 */
export function findMoves(oldBlocks: readonly Block[], newBlocks: readonly Block[]): MovedRun[] {
  const exact = uniquePairs(oldBlocks, newBlocks);
  const pairs = [...exact, ...nearPairs(oldBlocks, newBlocks, exact)].sort((a, b) => a.new - b.new);
  // What stayed is the heaviest run in order (in words): when sections trade places, the short one moved.
  const stayed = heaviestIncreasingRun(pairs, (pair) => pair.old, (pair) => countWords(newBlocks[pair.new]!.text) + 1);
  const kept = new Set(stayed);
  const moved = pairs.filter((pair) => !kept.has(pair));
  const runs: MovedRun[] = [];
  for (const pair of moved) {
    const last = runs.at(-1);
    if (last && last.oldEnd === pair.old && last.newEnd === pair.new) {
      last.oldEnd++;
      last.newEnd++;
      last.edited.push(pair.near);
    } else {
      runs.push({ oldStart: pair.old, oldEnd: pair.old + 1, newStart: pair.new, newEnd: pair.new + 1, fromAfter: null, edited: [pair.near] });
    }
  }
  const paired = { old: new Set(pairs.map((pair) => pair.old)), new: new Set(pairs.map((pair) => pair.new)) };
  return joinRuns(runs.map((run) => widen(run, oldBlocks, newBlocks, paired)))
    .filter((run) => wordsIn(newBlocks, run.newStart, run.newEnd) >= MIN_MOVED_WORDS)
    // `stayed` is in new order and increasing in old: sorted both ways, as newIndexBefore needs.
    .map((run) => ({ ...run, fromAfter: newIndexBefore(stayed, run.oldStart) }));
}

/**
 * A run grown over the same blocks on either side that nothing paired (a repeated closing
 * brace or "Returns" inside a moved section), so the section moves whole.
 */
function widen(run: MovedRun, oldBlocks: readonly Block[], newBlocks: readonly Block[], paired: { old: Set<number>; new: Set<number> }): MovedRun {
  // A block taken is paired from then on: two runs never share one.
  const take = (o: number, n: number) => {
    const free = !paired.old.has(o) && !paired.new.has(n) && sameBlock(oldBlocks[o], newBlocks[n]);
    if (free) {
      paired.old.add(o);
      paired.new.add(n);
    }
    return free;
  };
  while (run.oldStart > 0 && run.newStart > 0 && take(run.oldStart - 1, run.newStart - 1)) {
    run.oldStart--;
    run.newStart--;
    run.edited.unshift(false);
  }
  while (take(run.oldEnd, run.newEnd)) {
    run.oldEnd++;
    run.newEnd++;
    run.edited.push(false);
  }
  return run;
}

const sameBlock = (a: Block | undefined, b: Block | undefined) => !!a && !!b && a.kind === b.kind && blockKey(a) === blockKey(b);

/** Runs that widening made touch, joined. */
function joinRuns(runs: MovedRun[]): MovedRun[] {
  const joined: MovedRun[] = [];
  for (const run of runs) {
    const last = joined.at(-1);
    if (last && last.oldEnd === run.oldStart && last.newEnd === run.newStart) {
      last.oldEnd = run.oldEnd;
      last.newEnd = run.newEnd;
      last.edited.push(...run.edited);
    } else joined.push(run);
  }
  return joined;
}

interface Pair {
  old: number;
  new: number;
  /** Paired by likeness, not identity. */
  near: boolean;
}

function wordsIn(blocks: readonly Block[], start: number, end: number): number {
  let words = 0;
  for (let i = start; i < end; i++) words += countWords(blocks[i]!.text);
  return words;
}

function uniquePairs(oldBlocks: readonly Block[], newBlocks: readonly Block[]): Pair[] {
  const seen = new Map<string, { old: number; oldCount: number; newCount: number; new: number }>();
  oldBlocks.forEach((block, index) => {
    const key = `${block.kind}\u0000${blockKey(block)}`;
    const entry = seen.get(key);
    if (entry) entry.oldCount++;
    else seen.set(key, { old: index, oldCount: 1, newCount: 0, new: -1 });
  });
  newBlocks.forEach((block, index) => {
    const entry = seen.get(`${block.kind}\u0000${blockKey(block)}`);
    if (entry && entry.newCount++ === 0) entry.new = index;
  });
  const pairs: Pair[] = [];
  for (const entry of seen.values()) if (entry.oldCount === 1 && entry.newCount === 1) pairs.push({ old: entry.old, new: entry.new, near: false });
  return pairs;
}

/** Blocks left unpaired by identity, paired with their likeliest twin of the same kind (each the other's best). */
function nearPairs(oldBlocks: readonly Block[], newBlocks: readonly Block[], exact: readonly Pair[]): Pair[] {
  const pairedOld = new Set(exact.map((pair) => pair.old));
  const pairedNew = new Set(exact.map((pair) => pair.new));
  const candidates = (blocks: readonly Block[], paired: Set<number>) =>
    blocks.flatMap((block, index) => {
      if (paired.has(index)) return [];
      return countWords(block.text) >= MIN_NEAR_WORDS ? [{ index, kind: block.kind, words: wordCounts(block.text) }] : [];
    });
  const olds = candidates(oldBlocks, pairedOld);
  const news = candidates(newBlocks, pairedNew);
  if (olds.length * news.length > MAX_NEAR_COMPARISONS) return [];
  const bestFor = (from: typeof olds, to: typeof news) =>
    from.map((a) => {
      let best = -1;
      let bestScore = NEAR_MOVE_SIMILARITY;
      to.forEach((b, k) => {
        // Two lists this far apart in length cannot reach the similarity: skipped uncounted.
        if (a.kind !== b.kind || (2 * Math.min(a.words.total, b.words.total)) / (a.words.total + b.words.total) < NEAR_MOVE_SIMILARITY) return;
        const score = similarity(a.words, b.words);
        if (score >= bestScore) [best, bestScore] = [k, score];
      });
      return best;
    });
  const oldBest = bestFor(olds, news);
  const newBest = bestFor(news, olds);
  return olds.flatMap((a, i) => {
    const k = oldBest[i]!;
    return k >= 0 && newBest[k] === i ? [{ old: a.index, new: news[k]!.index, near: true }] : [];
  });
}

interface WordCounts {
  counts: Map<string, number>;
  total: number;
}

function wordCounts(text: string): WordCounts {
  const counts = new Map<string, number>();
  let total = 0;
  for (const token of tokenize(text)) {
    counts.set(token.text, (counts.get(token.text) ?? 0) + 1);
    total++;
  }
  return { counts, total };
}

/** Dice's coefficient over two multisets of tokens: 1 for the same tokens, 0 for none shared. */
function similarity(a: WordCounts, b: WordCounts): number {
  let shared = 0;
  for (const [token, count] of a.counts) shared += Math.min(count, b.counts.get(token) ?? 0);
  return (2 * shared) / (a.total + b.total);
}

/** The new index of the nearest block that stayed before old block `old` (null: none stayed before it). */
function newIndexBefore(anchors: readonly Pair[], old: number): number | null {
  let low = 0;
  let high = anchors.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (anchors[mid]!.old < old) low = mid + 1;
    else high = mid;
  }
  return low > 0 ? anchors[low - 1]!.new : null;
}
