import { diffArrays } from 'diff';
import { blockKey, type Block } from '../blocks';

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
 * The fallback when versions differ too much to align: a new block is kept
 * if an identical block existed anywhere in the old version. Linear time, so
 * a completely rewritten page still gets an answer at once.
 */
export function alignBlocksCoarse(oldBlocks: readonly Block[], newBlocks: readonly Block[]): Alignment[] {
  const [oldIds, newIds] = blockIds(oldBlocks, newBlocks);
  const oldPositions = new Map<number, number[]>();
  oldIds.forEach((id, index) => {
    const list = oldPositions.get(id);
    if (list) list.push(index);
    else oldPositions.set(id, [index]);
  });
  const alignment: Alignment[] = [];
  let oldCursor = 0;
  newIds.forEach((id, newIndex) => {
    const positions = oldPositions.get(id);
    while (positions?.length && positions[0]! < oldCursor) positions.shift();
    const oldIndex = positions?.shift();
    if (oldIndex === undefined) {
      const last = alignment.at(-1);
      if (last?.kind === 'replace' && last.newEnd === newIndex) last.newEnd++;
      else alignment.push({ kind: 'replace', oldStart: oldCursor, oldEnd: oldCursor, newStart: newIndex, newEnd: newIndex + 1 });
      return;
    }
    if (oldIndex > oldCursor) {
      const last = alignment.at(-1);
      if (last?.kind === 'replace' && last.newEnd === newIndex) last.oldEnd = oldIndex;
      else alignment.push({ kind: 'replace', oldStart: oldCursor, oldEnd: oldIndex, newStart: newIndex, newEnd: newIndex });
    }
    alignment.push({ kind: 'same', oldIndex, newIndex, count: 1 });
    oldCursor = oldIndex + 1;
  });
  if (oldCursor < oldIds.length) {
    const last = alignment.at(-1);
    if (last?.kind === 'replace' && last.newEnd === newIds.length) last.oldEnd = oldIds.length;
    else alignment.push({ kind: 'replace', oldStart: oldCursor, oldEnd: oldIds.length, newStart: newIds.length, newEnd: newIds.length });
  }
  return alignment;
}
