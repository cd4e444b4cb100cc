import { describe, expect, test } from 'vitest';
import type { Block } from '../../lib/blocks';
import { diffPages } from '../../lib/diff/diff-pages';
import { defaultLimits } from '../../lib/diff/limits';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';
import { referenceDiff, Score, wordCount, words } from '../support/word-accuracy';

const corpus = loadCorpus();

function addedWords(blocks: Block[], diff: ReturnType<typeof diffPages>): string[] {
  return diff.changes.flatMap((c) => c.added.flatMap((s) => words(blocks[s.block]!.text.slice(s.start, s.end))));
}

function removedWords(diff: ReturnType<typeof diffPages>): string[] {
  return diff.changes.flatMap((c) =>
    c.removed.flatMap((r) => (r.kind === 'blocks' ? r.blocks.flatMap((b) => words(b.text)) : r.parts.filter((p) => p.removed).flatMap((p) => words(p.text)))),
  );
}

/** The new text with every highlighted span cut out, and the old text with removed words cut out. */
function keptWords(blocks: Block[], diff: ReturnType<typeof diffPages>): string[] {
  const spans = new Map<number, Array<[number, number]>>();
  for (const change of diff.changes) for (const s of change.added) spans.set(s.block, [...(spans.get(s.block) ?? []), [s.start, s.end]]);
  return blocks.flatMap((block, index) => {
    let text = block.text;
    for (const [start, end] of [...(spans.get(index) ?? [])].sort((a, b) => b[0] - a[0])) text = text.slice(0, start) + ' ' + text.slice(end);
    return words(text);
  });
}

describe('diff engine on every consecutive version pair of the DRF corpus', () => {
  test.each(corpus.map((page) => [page.slug, page] as const))('%s', (_slug, page) => {
    const added = new Score();
    const removed = new Score();
    let previous: Block[] | null = null;
    for (const version of page.versions) {
      const blocks = corpusBlocks(page, version);
      if (previous) {
        const diff = diffPages(previous, blocks);
        const expected = referenceDiff(previous.map((b) => b.text).join('\n'), blocks.map((b) => b.text).join('\n'));
        added.add(addedWords(blocks, diff), expected.added);
        removed.add(removedWords(diff), expected.removed);
        expect(diff.addedWords).toBe(wordCount(addedWords(blocks, diff)));
        expect(diff.removedWords).toBe(wordCount(removedWords(diff)));
        // What is not highlighted must be exactly what the old version had, minus what is shown as removed.
        const oldMinusRemoved = referenceDiff(previous.map((b) => b.text).join('\n'), keptWords(blocks, diff).join(' '));
        expect(oldMinusRemoved.added, `${version.stem}: unhighlighted words all existed before`).toEqual([]);
        if (expected.added.length === 0 && expected.removed.length === 0) expect(diff.changes).toEqual([]);
        else expect(diff.changes.length).toBeGreaterThan(0);
        for (const change of diff.changes) {
          for (const span of change.added) {
            const text = blocks[span.block]!.text;
            expect(span.end).toBeLessThanOrEqual(text.length);
            // Spans start and end on word boundaries.
            expect(text.slice(span.start, span.end)).toBe(text.slice(span.start, span.end).trim());
          }
        }
      }
      previous = blocks;
    }
    expect(added.precision).toBeGreaterThanOrEqual(0.98);
    expect(added.recall).toBeGreaterThanOrEqual(0.98);
    expect(removed.precision).toBeGreaterThanOrEqual(0.98);
    expect(removed.recall).toBeGreaterThanOrEqual(0.98);
  });
});

// A rewrite larger than any one deploy: the corpus's seven pages read as one page (about 15,000
// words), years apart. Every region is word-diffed, none compared whole, and the words shown
// agree with a plain word diff as they do deploy by deploy.
describe('a large rewrite: the whole corpus as one page, years apart', () => {
  const asOnePage = (date: string) => corpus.flatMap((page) => corpusBlocks(page, [...page.versions].reverse().find((v) => v.date <= date) ?? page.versions[0]!));
  // The reference word diff of a decade's pair takes seconds: both tests of a pair share it.
  const references = new Map<string, ReturnType<typeof referenceDiff>>();
  const referenceOf = (before: string, after: string) => {
    const key = `${before} ${after}`;
    if (!references.has(key)) references.set(key, referenceDiff(asOnePage(before).map((b) => b.text).join('\n'), asOnePage(after).map((b) => b.text).join('\n')));
    return references.get(key)!;
  };
  test.each([['2016-01-01', '2019-01-01'], ['2015-01-01', '2025-01-01'], ['2020-01-01', '2026-12-01']])('%s → %s', (before, after) => {
    const [previous, blocks] = [asOnePage(before), asOnePage(after)];
    const diff = diffPages(previous, blocks);
    const expected = referenceOf(before, after);
    expect(expected.added.length).toBeGreaterThan(3000);
    expect(diff.coarse).toBe(false);
    const added = new Score();
    const removed = new Score();
    added.add(addedWords(blocks, diff), expected.added);
    removed.add(removedWords(diff), expected.removed);
    console.log(`${before} → ${after}: ${diff.changes.length} changes; added P/R ${added.precision.toFixed(3)}/${added.recall.toFixed(3)} of ${expected.added.length}, removed P/R ${removed.precision.toFixed(3)}/${removed.recall.toFixed(3)} of ${expected.removed.length}`);
    // A decade apart the plain word diff pairs some moved passages differently; 0.97 was measured.
    for (const score of [added, removed]) {
      expect(score.precision).toBeGreaterThanOrEqual(0.96);
      expect(score.recall).toBeGreaterThanOrEqual(0.96);
    }
  });
  // A page ten times as long has ten times the block edits: past the block bound the blocks are
  // aligned on those found once in each version (align-blocks.ts). Played here by lowering the bound.
  test.each([['2016-01-01', '2019-01-01'], ['2015-01-01', '2025-01-01'], ['2020-01-01', '2026-12-01']])('%s → %s past the block bound reads the same', (before, after) => {
    const [previous, blocks] = [asOnePage(before), asOnePage(after)];
    const within = diffPages(previous, blocks);
    const past = diffPages(previous, blocks, { ...defaultLimits, maxBlockEdits: 20 });
    expect(past.coarse).toBe(false);
    expect([past.changes.length, past.addedWords, past.removedWords]).toEqual([within.changes.length, within.addedWords, within.removedWords]);
    const expected = referenceOf(before, after);
    const added = new Score();
    const removed = new Score();
    added.add(addedWords(blocks, past), expected.added);
    removed.add(removedWords(past), expected.removed);
    for (const score of [added, removed]) {
      expect(score.precision).toBeGreaterThanOrEqual(0.96);
      expect(score.recall).toBeGreaterThanOrEqual(0.96);
    }
  });
});
