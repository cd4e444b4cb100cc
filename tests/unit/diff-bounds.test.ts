import { describe, expect, test } from 'vitest';
import type { Block } from '../../lib/blocks';
import { diffPages } from '../../lib/diff/diff-pages';
import { defaultLimits } from '../../lib/diff/limits';

const paragraph = (text: string): Block => ({ kind: 'paragraph', level: 0, text });

/** About `bytes` of text in paragraphs of distinct words, all prefixed so two pages share nothing. */
function page(prefix: string, bytes: number): Block[] {
  const blocks: Block[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const text = Array.from({ length: 40 }, (_, w) => `${prefix}${i}w${w}`).join(' ');
    blocks.push(paragraph(text));
    size += text.length;
  }
  return blocks;
}

describe('the diff engine stays bounded', () => {
  test('two completely different 1 MB pages: whole blocks, not a word-by-word search', () => {
    const before = page('old', 1_000_000);
    const after = page('new', 1_000_000);
    const diff = diffPages(before, after);
    expect(diff.coarse).toBe(true);
    // Nothing kept: the page was replaced, and the overlay sums it up.
    expect(diff.replaced).toBe(true);
    // Every new block is added whole, every old one shown as removed.
    expect(diff.changes.flatMap((c) => c.added).every((span) => span.start === 0 && span.end === after[span.block]!.text.length)).toBe(true);
    expect(diff.addedWords).toBe(after.length * 40);
    expect(diff.removedWords).toBe(before.length * 40);
  });

  test('a region with more word edits than the bound is shown as whole blocks', () => {
    const before = [paragraph('unchanged start'), ...page('a', 60_000), paragraph('unchanged end')];
    const after = [paragraph('unchanged start'), ...page('b', 60_000), paragraph('unchanged end')];
    const diff = diffPages(before, after, { ...defaultLimits, maxWordEdits: 100 });
    expect(diff.coarse).toBe(true);
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]!.added.length).toBe(after.length - 2);
    expect(diff.replaced).toBe(true);
  });

  test('a long section rewritten past the bound in a page mostly kept is whole blocks, drawn rather than summed up', () => {
    const kept = page('kept', 30_000);
    const before = [...kept.slice(0, 300), ...page('a', 20_000), ...kept.slice(300)];
    const after = [...kept.slice(0, 300), ...page('b', 20_000), ...kept.slice(300)];
    const diff = diffPages(before, after);
    expect(diff.coarse).toBe(true);
    expect(diff.replaced).toBe(false);
    expect(diff.changes).toHaveLength(1);
  });

  test('past the block bound, the blocks kept as they were still cut the page: every small edit is word by word', () => {
    // 5,000 paragraphs, one word changed in every second one: 5,000 block edits, past the 3,000 bound.
    const before = Array.from({ length: 5000 }, (_, i) => paragraph(Array.from({ length: 40 }, (_, w) => `p${i}w${w}`).join(' ')));
    const after = before.map((block, i) => (i % 2 ? paragraph(block.text.replace(/^\S+/, 'changed')) : block));
    const diff = diffPages(before, after);
    expect(diff.coarse).toBe(false);
    expect(diff.addedWords).toBe(2500);
    expect(diff.removedWords).toBe(2500);
    expect(diff.changes.every((change) => change.added.every((span) => after[span.block]!.text.slice(span.start, span.end) === 'changed'))).toBe(true);
  });

  test('pathological repeated tokens finish with exact counts', () => {
    const before = [paragraph(Array(20_000).fill('a').join(' '))];
    const after = [paragraph(Array(20_000).fill('a').join(' ') + ' b ' + Array(50).fill('a').join(' '))];
    const diff = diffPages(before, after);
    expect(diff.addedWords).toBe(51);
    expect(diff.removedWords).toBe(0);
  });

  test('identical pages have no changes', () => {
    const blocks = page('same', 200_000);
    expect(diffPages(blocks, [...blocks]).changes).toEqual([]);
  });
});
