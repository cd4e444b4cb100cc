import type { Block } from '../blocks';
import type { Change, ChangeSet, MovedFrom } from './change-set';
import { diffRegion } from './diff-region';
import type { DiffOptions } from './limits';
import type { MovedRun } from './moves';
import { sectionHeadings } from './sections';
import { countWords } from './tokens';

/**
 * A change set in which moved passages are one change each, where they now stand: the blocks
 * that moved are left out of both versions, the rest is diffed in place (`diffRest`), its
 * changes are put back in the whole new version's terms, and each moved passage joins them in
 * page order, with the words edited inside it as its added and removed text.
 */
export function withMoves(
  oldBlocks: readonly Block[],
  newBlocks: readonly Block[],
  runs: readonly MovedRun[],
  diffRest: (oldRest: Block[], newRest: Block[]) => ChangeSet,
  limits: DiffOptions,
): ChangeSet {
  const movedOld = new Set<number>();
  const movedNew = new Set<number>();
  for (const run of runs) {
    for (let i = run.oldStart; i < run.oldEnd; i++) movedOld.add(i);
    for (let i = run.newStart; i < run.newEnd; i++) movedNew.add(i);
  }
  /** For each block of the new version's rest, its index in the whole new version. */
  const restToNew: number[] = [];
  newBlocks.forEach((_, index) => {
    if (!movedNew.has(index)) restToNew.push(index);
  });
  const rest = diffRest(oldBlocks.filter((_, i) => !movedOld.has(i)), newBlocks.filter((_, i) => !movedNew.has(i)));
  const sections = sectionHeadings(newBlocks);
  const toNew = (index: number | null) => (index === null ? null : restToNew[index]!);
  const changes: Change[] = rest.changes.map((change) => {
    const firstBlock = toNew(change.firstBlock);
    const removed = change.removed.map((passage) =>
      passage.kind === 'wording' ? { ...passage, block: toNew(passage.block)! } : { ...passage, after: toNew(passage.after), before: toNew(passage.before) });
    const anchor = firstBlock ?? removed.find((passage) => passage.kind === 'blocks')?.after ?? null;
    return {
      ...change,
      section: anchor === null ? change.section : sections[anchor] ?? null,
      firstBlock,
      added: change.added.map((span) => ({ ...span, block: toNew(span.block)! })),
      removed,
    };
  });
  const oldSections = sectionHeadings(oldBlocks);
  const set: ChangeSet = { ...rest, changes };
  for (const run of runs) {
    const change = movedChange(run, oldBlocks, newBlocks, sections, oldSections, limits);
    set.movedWords += change.moved!.words;
    set.addedWords += change.addedWords;
    set.removedWords += change.removedWords;
    changes.push(change);
  }
  changes.sort((a, b) => placeOf(a) - placeOf(b));
  return set;
}

/** Where a change stands in page order: its first block, or just after the block its removed text follows. */
function placeOf(change: Change): number {
  if (change.firstBlock !== null) return change.firstBlock;
  const passage = change.removed[0];
  if (passage?.kind === 'blocks') return passage.after === null ? -0.5 : passage.after + 0.5;
  return passage ? passage.block : -1;
}

function movedChange(
  run: MovedRun,
  oldBlocks: readonly Block[],
  newBlocks: readonly Block[],
  sections: ReadonlyArray<string | null>,
  oldSections: ReadonlyArray<string | null>,
  limits: DiffOptions,
): Change {
  // The heading it stood under: the one before the passage when the passage brings its own.
  const firstMoved = oldBlocks[run.oldStart]!;
  const from = firstMoved.kind === 'heading' ? (run.oldStart > 0 ? oldSections[run.oldStart - 1]! : null) : oldSections[run.oldStart]!;
  const moved: MovedFrom = {
    start: run.newStart,
    end: run.newEnd,
    oldStart: run.oldStart,
    oldEnd: run.oldEnd,
    after: run.fromAfter,
    section: from,
    direction: run.newStart > (run.fromAfter ?? -1) ? 'down' : 'up',
    words: 0,
  };
  const change: Change = { section: sections[run.newStart] ?? null, firstBlock: run.newStart, added: [], removed: [], addedWords: 0, removedWords: 0, moved };
  run.edited.forEach((edited, k) => {
    const newIndex = run.newStart + k;
    moved.words += countWords(newBlocks[newIndex]!.text);
    if (!edited) return;
    const oldIndex = run.oldStart + k;
    const edit = diffRegion(oldBlocks, oldIndex, oldIndex + 1, newBlocks, newIndex, newIndex + 1, limits.maxWordEdits, limits.tokenize)?.edits[0];
    if (!edit) return;
    for (const [start, end] of edit.added) change.added.push({ block: newIndex, start, end });
    change.addedWords += edit.addedWords;
    moved.words -= edit.addedWords;
    for (const wording of edit.wordings) {
      change.removed.push({ kind: 'wording', block: newIndex, parts: wording.parts });
      change.removedWords += wording.removedWords;
    }
  });
  return change;
}
