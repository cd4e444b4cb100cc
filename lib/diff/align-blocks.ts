import { diffArrays } from 'diff';
import { blockKey, type Block } from '../blocks';
import { longestIncreasingRun } from './increasing-run';

/** A stretch of the alignment: blocks kept as they were, or a region replaced. */
export type Alignment =
  | { kind: 'same'; oldIndex: number; newIndex: number; count: number }
  | {
    kind: 'replace'; oldStart: number; oldEnd: number; newStart: number; newEnd: number;
    /** A region merged across unchanged stretches (merge-regions.ts): the stretches it was, in order, and the size it was merged under. */
    parts?: Alignment[];
    mergedUnder?: number;
  };

function blockIds(oldBlocks: readonly Block[], newBlocks: readonly Block[]): [number[], number[]] {
  // Comparing small integers is much cheaper than comparing long texts.
  const ids = new Map<string, number>();
  const idOf = (block: Block) => {
    const key = blockKey(block);
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  return [oldBlocks.map(idOf), newBlocks.map(idOf)];
}

/**
 * Aligns identical blocks of two versions (Myers diff over block identities).
 * Returns null when more than `maxEdits` blocks were inserted or deleted.
 */
export function alignBlocks(oldBlocks: readonly Block[], newBlocks: readonly Block[], maxEdits: number): Alignment[] | null {
  const [oldIds, newIds] = blockIds(oldBlocks, newBlocks);
  const result = diffArrays(oldIds, newIds, { maxEditLength: maxEdits });
  if (!result) return null;
  const alignment: Alignment[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  for (const change of result) {
    if (!change.added && !change.removed) {
      alignment.push({ kind: 'same', oldIndex, newIndex, count: change.count });
      oldIndex += change.count;
      newIndex += change.count;
      continue;
    }
    const last = alignment.at(-1);
    const region =
      last?.kind === 'replace'
        ? last
        : { kind: 'replace' as const, oldStart: oldIndex, oldEnd: oldIndex, newStart: newIndex, newEnd: newIndex };
    if (region !== last) alignment.push(region);
    if (change.added) region.newEnd = newIndex += change.count;
    else region.oldEnd = oldIndex += change.count;
  }
  return alignment;
}

/**
 * The fallback when versions differ too much for `alignBlocks` (patience diff): blocks that
 * occur once in each version anchor the alignment, the longest run of them in the same order
 * is kept, and each gap between two anchors is aligned on its own, by the bounded diff above
 * or, past its bound, by `alignGreedily`. Anchors keep a block that repeats ("Returns", a
 * closing brace) from pairing with a copy far away and throwing out everything between.
 * O(n log n) for the anchors, then at most `maxEdits` per gap block.
 */
export function alignBlocksCoarse(oldBlocks: readonly Block[], newBlocks: readonly Block[], maxEdits: number): Alignment[] {
  const [oldIds, newIds] = blockIds(oldBlocks, newBlocks);
  const out = new AlignmentBuilder();
  const anchors = uniqueAnchors(oldIds, newIds);
  // Nothing in common to anchor on: the whole pages are the one gap, which the caller's bounded diff already failed on.
  if (anchors.length === 0) {
    alignGreedily(oldIds, newIds, 0, 0, out);
    return out.alignment;
  }
  let oldCursor = 0;
  let newCursor = 0;
  for (const [oldAnchor, newAnchor] of [...anchors, [oldIds.length, newIds.length] as const]) {
    alignGap(oldIds.slice(oldCursor, oldAnchor), newIds.slice(newCursor, newAnchor), oldCursor, newCursor, maxEdits, out);
    if (oldAnchor < oldIds.length) out.same(oldAnchor, newAnchor, 1);
    oldCursor = oldAnchor + 1;
    newCursor = newAnchor + 1;
  }
  return out.alignment;
}

/** Pairs [old, new] of blocks found exactly once in each version, the longest run in the same order in both. */
function uniqueAnchors(oldIds: readonly number[], newIds: readonly number[]): Array<readonly [number, number]> {
  const counts = new Map<number, { old: number; new: number; at: number }>();
  oldIds.forEach((id, index) => {
    const count = counts.get(id);
    if (count) count.old++;
    else counts.set(id, { old: 1, new: 0, at: index });
  });
  for (const id of newIds) {
    const count = counts.get(id);
    if (count) count.new++;
  }
  const pairs: Array<readonly [number, number]> = [];
  newIds.forEach((id, newIndex) => {
    const count = counts.get(id);
    if (count && count.old === 1 && count.new === 1) pairs.push([count.at, newIndex]);
  });
  return longestIncreasingRun(pairs, ([oldIndex]) => oldIndex);
}

/** Aligns the blocks between two anchors: the bounded diff where it can, otherwise greedily. */
function alignGap(oldIds: readonly number[], newIds: readonly number[], oldOffset: number, newOffset: number, maxEdits: number, out: AlignmentBuilder) {
  if (oldIds.length === 0 || newIds.length === 0) {
    out.replace(oldOffset, oldOffset + oldIds.length, newOffset, newOffset + newIds.length);
    return;
  }
  const result = diffArrays(oldIds as number[], newIds as number[], { maxEditLength: maxEdits });
  if (!result) {
    alignGreedily(oldIds, newIds, oldOffset, newOffset, out);
    return;
  }
  let oldIndex = oldOffset;
  let newIndex = newOffset;
  for (const change of result) {
    if (change.added) out.replace(oldIndex, oldIndex, newIndex, (newIndex += change.count));
    else if (change.removed) out.replace(oldIndex, (oldIndex += change.count), newIndex, newIndex);
    else {
      out.same(oldIndex, newIndex, change.count);
      oldIndex += change.count;
      newIndex += change.count;
    }
  }
}

/**
 * Linear time, for a gap too rewritten for the bounded diff: a new block is kept if an
 * identical block is left anywhere after the last one kept.
 */
function alignGreedily(oldIds: readonly number[], newIds: readonly number[], oldOffset: number, newOffset: number, out: AlignmentBuilder) {
  const oldPositions = new Map<number, number[]>();
  oldIds.forEach((id, index) => {
    const list = oldPositions.get(id);
    if (list) list.push(index);
    else oldPositions.set(id, [index]);
  });
  let oldCursor = 0;
  newIds.forEach((id, newIndex) => {
    const positions = oldPositions.get(id);
    while (positions?.length && positions[0]! < oldCursor) positions.shift();
    const oldIndex = positions?.shift();
    if (oldIndex === undefined) {
      out.replace(oldOffset + oldCursor, oldOffset + oldCursor, newOffset + newIndex, newOffset + newIndex + 1);
      return;
    }
    out.replace(oldOffset + oldCursor, oldOffset + oldIndex, newOffset + newIndex, newOffset + newIndex);
    out.same(oldOffset + oldIndex, newOffset + newIndex, 1);
    oldCursor = oldIndex + 1;
  });
  out.replace(oldOffset + oldCursor, oldOffset + oldIds.length, newOffset + newIds.length, newOffset + newIds.length);
}

/** Collects stretches in order, joining a stretch to the one before it when they are of a kind and adjoin. */
class AlignmentBuilder {
  readonly alignment: Alignment[] = [];

  same(oldIndex: number, newIndex: number, count: number) {
    const last = this.alignment.at(-1);
    if (last?.kind === 'same' && last.oldIndex + last.count === oldIndex && last.newIndex + last.count === newIndex) last.count += count;
    else this.alignment.push({ kind: 'same', oldIndex, newIndex, count });
  }

  replace(oldStart: number, oldEnd: number, newStart: number, newEnd: number) {
    if (oldStart === oldEnd && newStart === newEnd) return;
    const last = this.alignment.at(-1);
    if (last?.kind === 'replace' && last.oldEnd === oldStart && last.newEnd === newStart) {
      last.oldEnd = oldEnd;
      last.newEnd = newEnd;
    } else this.alignment.push({ kind: 'replace', oldStart, oldEnd, newStart, newEnd });
  }
}
