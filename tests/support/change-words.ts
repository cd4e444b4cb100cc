import type { Block } from '../../lib/blocks';
import type { diffPages } from '../../lib/diff/diff-pages';
import { words } from './word-accuracy';

// The words a change set shows, as a reader counts them: highlighted, listed as removed, or in a
// passage shown as moved. Scored against a reference word diff (moved-reference.ts).

export function addedWords(blocks: readonly Block[], diff: ReturnType<typeof diffPages>): string[] {
  return diff.changes.flatMap((c) => c.added.flatMap((s) => words(blocks[s.block]!.text.slice(s.start, s.end))));
}

export function removedWords(diff: ReturnType<typeof diffPages>): string[] {
  return diff.changes.flatMap((c) =>
    c.removed.flatMap((r) => (r.kind === 'blocks' ? r.blocks.flatMap((b) => words(b.text)) : r.parts.filter((p) => p.removed).flatMap((p) => words(p.text)))),
  );
}

/** Words of the passages shown as moved, less what was added to them on the way. */
export function movedWords(blocks: readonly Block[], diff: ReturnType<typeof diffPages>): string[] {
  return diff.changes.flatMap((c) => {
    if (!c.moved) return [];
    return blocks.slice(c.moved.start, c.moved.end).flatMap((block, k) => {
      let text = block.text;
      const spans = c.added.filter((span) => span.block === c.moved!.start + k).sort((x, y) => y.start - x.start);
      for (const span of spans) text = text.slice(0, span.start) + ' ' + text.slice(span.end);
      return words(text);
    });
  });
}
