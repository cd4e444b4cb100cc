import { expect, test } from 'vitest';
import type { Block } from '../../lib/blocks';
import type { Alignment } from '../../lib/diff/align-blocks';
import { mergeRegions } from '../../lib/diff/merge-regions';

const block = (words: number): Block => ({ kind: 'paragraph', text: Array.from({ length: words }, (_, i) => `w${i}`).join(' ') } as Block);

/** Replaced regions of `replaced` words each (old and new), with `kept` unchanged words between them. */
function page(regions: number, replaced: number, kept: number) {
  const oldBlocks: Block[] = [];
  const newBlocks: Block[] = [];
  const alignment: Alignment[] = [];
  for (let r = 0; r < regions; r++) {
    alignment.push({ kind: 'replace', oldStart: oldBlocks.length, oldEnd: oldBlocks.length + 1, newStart: newBlocks.length, newEnd: newBlocks.length + 1 });
    oldBlocks.push(block(replaced));
    newBlocks.push(block(replaced));
    if (r < regions - 1) {
      alignment.push({ kind: 'same', oldIndex: oldBlocks.length, newIndex: newBlocks.length, count: 1 });
      oldBlocks.push(block(kept));
      newBlocks.push(block(kept));
    }
  }
  return { alignment, oldBlocks, newBlocks };
}

test('a short unchanged stretch between two larger rewritten regions is merged into one region', () => {
  const { alignment, oldBlocks, newBlocks } = page(2, 50, 10);
  expect(mergeRegions(alignment, oldBlocks, newBlocks).map((stretch) => stretch.kind)).toEqual(['replace']);
});

test('an unchanged stretch larger than the regions beside it is kept', () => {
  const { alignment, oldBlocks, newBlocks } = page(2, 10, 100);
  expect(mergeRegions(alignment, oldBlocks, newBlocks).map((stretch) => stretch.kind)).toEqual(['replace', 'same', 'replace']);
});

test('one large rewritten region does not pull in every unchanged stretch after it', () => {
  // A long rewritten section, then 199 small edits each 130 unchanged words apart: each stretch is
  // larger than the two edits beside it, smaller only than everything merged before it.
  const { alignment, oldBlocks, newBlocks } = page(200, 30, 130);
  oldBlocks[0] = block(1000);
  newBlocks[0] = block(1000);
  const merged = mergeRegions(alignment, oldBlocks, newBlocks);
  expect(merged.filter((stretch) => stretch.kind === 'replace')).toHaveLength(199);
});

test('regions stop growing at what one word diff can take, even where each merge is right', () => {
  const { alignment, oldBlocks, newBlocks } = page(400, 50, 10);
  const count = (blocks: Block[], from: number, to: number) => blocks.slice(from, to).reduce((sum, b) => sum + b.text.split(' ').length, 0);
  const regions = mergeRegions(alignment, oldBlocks, newBlocks, 4000).filter((stretch) => stretch.kind === 'replace');
  expect(regions.length).toBeGreaterThan(1);
  for (const region of regions) expect(count(oldBlocks, region.oldStart, region.oldEnd) + count(newBlocks, region.newStart, region.newEnd)).toBeLessThanOrEqual(4000);
});
