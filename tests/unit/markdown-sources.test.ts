import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { firstVisitBaselines, measurePage, sourcePages } from '../support/source-corpora';
import { Score } from '../support/word-accuracy';

describe('real MDX, Hugo and Jekyll sources read like the pages built from them', () => {
  // Per corpus: each site's reading must hold on its own, not be carried by the others.
  const scores = new Map<string, { added: Score; removed: Score }>();
  const differingShare = new Map<string, number[]>();
  test.each(sourcePages.map((page) => [page.name, page] as const))('%s', (_name, page) => {
    const measured = measurePage(page);
    expect(measured.versions).toBeGreaterThan(1);
    expect(measured.firstWords, 'the rendered reference is a real page').toBeGreaterThan(300);
    const score = scores.get(page.corpus) ?? { added: new Score(), removed: new Score() };
    scores.set(page.corpus, score);
    for (const change of measured.changes) {
      score.added.add(change.ours.added, change.reference.added);
      score.removed.add(change.ours.removed, change.reference.removed);
    }
    console.log(`${page.name}: ${measured.versions} versions, ${(100 * measured.differingShare).toFixed(2)}% of rendered words differ`);
    // Source syntax the reader would see and the page does not: none (a page about MDX shows some in code spans, as its page does).
    expect(measured.syntaxLeaks, 'source syntax in what is read beyond what the page shows').toEqual([]);
    // A page may show what no source holds (Hugo's shortcode docs show a video embed's HTML, made by
    // the shortcode): a page stays near, and each corpus within 1% on average (below).
    expect(measured.differingShare, 'words that differ from the rendered page').toBeLessThanOrEqual(0.03);
    differingShare.set(page.corpus, [...(differingShare.get(page.corpus) ?? []), measured.differingShare]);
  }, 120_000);

  test('each corpus differs from its rendered pages by at most 1% of words on average', () => {
    expect(differingShare.size).toBeGreaterThanOrEqual(4);
    for (const [corpus, shares] of differingShare) {
      const average = shares.reduce((sum, share) => sum + share, 0) / shares.length;
      console.log(`${corpus}: ${(100 * average).toFixed(2)}% of rendered words differ on average over ${shares.length} pages`);
      expect(average, corpus).toBeLessThanOrEqual(0.01);
    }
  });

  test('in each corpus, changes between versions agree with the rendered pages (P/R ≥ 0.98)', () => {
    expect(scores.size).toBeGreaterThanOrEqual(4);
    for (const [corpus, { added, removed }] of scores) {
      console.log(`${corpus}: added P ${added.precision.toFixed(3)} R ${added.recall.toFixed(3)} (${added.expected}); removed P ${removed.precision.toFixed(3)} R ${removed.recall.toFixed(3)} (${removed.expected})`);
      expect(added.expected + removed.expected, corpus).toBeGreaterThan(100);
      for (const score of [added, removed]) {
        expect(score.precision, corpus).toBeGreaterThanOrEqual(0.98);
        expect(score.recall, corpus).toBeGreaterThanOrEqual(0.98);
      }
    }
  });
});

describe('first visit to a real MDX, Hugo or Jekyll page: the feed version it is', () => {
  // Each version's built page is the live page; the feed holds the sources up to it.
  test('the baseline is the version before the one the live page is, on ≥ 98% of visits', async () => {
    let visits = 0;
    let right = 0;
    const wrong: string[] = [];
    for (const page of sourcePages) {
      const result = await firstVisitBaselines(page);
      visits += result.visits;
      right += result.right;
      wrong.push(...result.wrong);
    }
    console.log(`first-visit baseline right on ${right} of ${visits} visits${wrong.length ? `; wrong: ${wrong.join('; ')}` : ''}`);
    expect(visits).toBeGreaterThanOrEqual(25);
    expect(right / visits).toBeGreaterThanOrEqual(0.98);
  }, 240_000);
});
