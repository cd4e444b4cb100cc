import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { siteChanges } from '../../lib/changes/site-changes';
import { textHunks } from '../../lib/changes/text-hunks';
import { openDocDeltaDB } from '../../lib/store/open-db';
import { recordVisit } from '../../lib/store/page-history';
import { diffPages } from '../../lib/diff/diff-pages';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';

const DAY = 864e5;
const para = (text: string) => ({ kind: 'paragraph' as const, level: 0, text });

describe('text hunks', () => {
  test('changed blocks with two blocks of context, and how much was skipped', () => {
    const before = 'a b c d e f g h i j'.split(' ').map(para);
    const after = 'a b c D e f g h i j k'.split(' ').map(para);
    const diff = textHunks(before, after);
    expect(diff.hunks.map((h) => [h.skippedBefore, h.lines.map((l) => `${l.kind[0]}${l.text}`)])).toEqual([
      [1, ['sb', 'sc', 'rd', 'aD', 'se', 'sf']],
      [2, ['si', 'sj', 'ak']],
    ]);
    expect(diff.skippedAfter).toBe(0);
    expect([diff.addedBlocks, diff.removedBlocks]).toEqual([2, 1]);
    expect(textHunks(before, before).hunks).toEqual([]);
  });
});

describe('what changed across sites', () => {
  const pages = loadCorpus().filter((p) => ['api-guide__fields', 'api-guide__filtering', 'tutorial__1-serialization'].includes(p.slug));
  const keyOf = (url: string) => url.replace(/^https:\/\//, '').replace(/\/$/, '');

  test('since the last visit: every page that showed changes, with the overlay\'s counts, newest first', async () => {
    const db = await openDocDeltaDB('site-changes-1');
    const now = Date.UTC(2026, 0, 1);
    const expected: Record<string, number> = {};
    for (const [i, page] of pages.entries()) {
      const [a, b] = [page.versions.at(-4)!, page.versions.at(-1)!];
      const target = { pageKey: keyOf(page.url), url: page.url, title: page.slug, siteId: 'django-rest-framework' };
      await recordVisit(db, { ...target, blocks: corpusBlocks(page, a), at: now - 10 * DAY });
      // The third page is visited again but has not changed: it is not listed.
      await recordVisit(db, { ...target, blocks: corpusBlocks(page, i === 2 ? a : b), at: now - (3 - i) * DAY });
      if (i < 2) expected[target.pageKey] = diffPages(corpusBlocks(page, a), corpusBlocks(page, b)).addedWords;
    }
    const [site, ...others] = await siteChanges(db, { kind: 'last-visit' }, now);
    expect(others).toEqual([]);
    expect(site!.siteName).toBe('Django REST framework');
    expect(site!.pages.map((p) => p.pageKey)).toEqual(Object.keys(expected).reverse());
    for (const page of site!.pages) expect(page.addedWords).toBe(expected[page.pageKey]);
    expect(site!.addedWords).toBe(Object.values(expected).reduce((n, w) => n + w, 0));
  });

  test('in the last N days: pages with a version in the period, against the version before it', async () => {
    const db = await openDocDeltaDB('site-changes-2');
    const now = Date.UTC(2026, 0, 1);
    const page = pages[0]!;
    const target = { pageKey: keyOf(page.url), url: page.url, title: page.slug, siteId: 'django-rest-framework' };
    const versions = page.versions.slice(-5);
    for (const [i, version] of versions.entries()) await recordVisit(db, { ...target, blocks: corpusBlocks(page, version), at: now - (40 - i * 10) * DAY });
    // Versions at 40, 30, 20, 10 and 0 days ago: the last 15 days hold two of them.
    const [site] = await siteChanges(db, { kind: 'days', days: 15 }, now);
    const expected = diffPages(corpusBlocks(page, versions[2]!), corpusBlocks(page, versions[4]!));
    expect(site!.pages[0]).toMatchObject({ addedWords: expected.addedWords, removedWords: expected.removedWords });
    expect(await siteChanges(db, { kind: 'days', days: 1000 }, now)).toEqual([]);
  });
});
