import { diffArrays } from 'diff';
import type { Block } from '../blocks';
import { diffPages } from '../diff/diff-pages';

/**
 * One line of a hunk: a block as it stayed, came or went; a block of a passage that moved here
 * (the passage's first line says from where), or, where a passage stood, one line saying where
 * it went (with the passage's first words).
 */
export interface HunkLine {
  kind: 'same' | 'added' | 'removed' | 'moved' | 'moved-away';
  text: string;
  /** On a moved passage's first line: where it came from; on a moved-away line: where it went. */
  move?: { direction: 'up' | 'down'; section: string | null };
}

export interface Hunk {
  /** Unchanged blocks skipped before this hunk. */
  skippedBefore: number;
  lines: HunkLine[];
}

export interface TextDiff {
  hunks: Hunk[];
  skippedAfter: number;
  addedBlocks: number;
  removedBlocks: number;
  /** Blocks of passages that moved (neither added nor removed). */
  movedBlocks: number;
}

/** How many unchanged blocks stand around each change, as in a unified diff. */
const CONTEXT = 2;

type Placed = HunkLine & { oldIndex?: number; newIndex?: number };

/**
 * Two versions of a page as text hunks: the blocks that changed, with a little unchanged
 * context around them, and how much was skipped between. A passage that moved (as the overlay
 * finds it: lib/diff/moves.ts) is shown once, where it now stands, and marked where it stood,
 * not removed and added again.
 */
export function textHunks(before: readonly Block[], after: readonly Block[], context = CONTEXT): TextDiff {
  const moves = diffPages(before, after).changes.flatMap((change) => (change.moved ? [{ ...change.moved, to: change.section }] : []));
  const movedOld = new Set(moves.flatMap((move) => range(move.oldStart, move.oldEnd)));
  const movedNew = new Set(moves.flatMap((move) => range(move.start, move.end)));
  const oldRest = range(0, before.length).filter((i) => !movedOld.has(i));
  const newRest = range(0, after.length).filter((i) => !movedNew.has(i));
  const placed: Placed[] = [];
  let [o, n] = [0, 0];
  for (const part of diffArrays(oldRest.map((i) => before[i]!.text), newRest.map((i) => after[i]!.text))) {
    for (const text of part.value) {
      if (part.added) placed.push({ kind: 'added', text, newIndex: newRest[n++]! });
      else if (part.removed) placed.push({ kind: 'removed', text, oldIndex: oldRest[o++]! });
      else placed.push({ kind: 'same', text, oldIndex: oldRest[o++]!, newIndex: newRest[n++]! });
    }
  }
  // Each passage where it stands now (before the first line after it in the new version), and a
  // line where it stood (before the first line after it in the old one); spliced from the end.
  const inserts: Array<{ at: number; lines: HunkLine[] }> = [];
  const firstAfter = (index: keyof Placed & ('oldIndex' | 'newIndex'), end: number) => {
    const at = placed.findIndex((line) => line[index] !== undefined && line[index]! >= end);
    return at < 0 ? placed.length : at;
  };
  for (const move of moves) {
    const passage = range(move.start, move.end).map((i, k): HunkLine => ({ kind: 'moved', text: after[i]!.text, ...(k === 0 ? { move: { direction: move.direction, section: move.section } } : {}) }));
    inserts.push({ at: firstAfter('newIndex', move.end), lines: passage });
    inserts.push({ at: firstAfter('oldIndex', move.oldEnd), lines: [{ kind: 'moved-away', text: before[move.oldStart]!.text, move: { direction: move.direction, section: move.to } }] });
  }
  const lines: HunkLine[] = placed.map(({ kind, text }) => ({ kind, text }));
  for (const insert of inserts.sort((a, b) => b.at - a.at)) lines.splice(insert.at, 0, ...insert.lines);
  return { ...hunksOf(lines, context), movedBlocks: movedNew.size };
}

function hunksOf(lines: HunkLine[], context: number): Omit<TextDiff, 'movedBlocks'> {
  const keep = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.kind === 'same') return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) keep[j] = true;
  });
  const hunks: Hunk[] = [];
  let skipped = 0;
  let current: Hunk | null = null;
  lines.forEach((line, i) => {
    if (!keep[i]) {
      skipped++;
      current = null;
      return;
    }
    if (!current) {
      current = { skippedBefore: skipped, lines: [] };
      hunks.push(current);
      skipped = 0;
    }
    current.lines.push(line);
  });
  return {
    hunks,
    skippedAfter: skipped,
    addedBlocks: lines.filter((l) => l.kind === 'added').length,
    removedBlocks: lines.filter((l) => l.kind === 'removed').length,
  };
}

const range = (start: number, end: number) => Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
