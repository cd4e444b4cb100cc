import { diffArrays } from 'diff';
import type { Block } from '../blocks';

export type HunkLine = { kind: 'same' | 'added' | 'removed'; text: string };

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
}

/** How many unchanged blocks stand around each change, as in a unified diff. */
const CONTEXT = 2;

/**
 * Two versions of a page as text hunks: the blocks that changed, with a
 * little unchanged context around them, and how much was skipped between.
 */
export function textHunks(before: readonly Block[], after: readonly Block[], context = CONTEXT): TextDiff {
  const lines: HunkLine[] = [];
  for (const part of diffArrays(before.map((b) => b.text), after.map((b) => b.text))) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    for (const text of part.value) lines.push({ kind, text });
  }
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
