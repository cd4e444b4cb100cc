import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { siteChanges } from '../../lib/changes/site-changes';
import { textHunks } from '../../lib/changes/text-hunks';
import { diffArrays } from 'diff';
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
    expect([diff.addedBlocks, diff.removedBlocks, diff.movedBlocks]).toEqual([2, 1, 0]);
    expect(textHunks(before, before).hunks).toEqual([]);
  });

  test('a section that moved is shown once, where it stands, and marked where it stood', () => {
    // Django REST framework's authentication page, when its "Django REST knox" section moved.
    const page = loadCorpus().find((p) => p.slug === 'api-guide__authentication')!;
    const version = (stem: string) => corpusBlocks(page, page.versions.find((v) => v.stem === stem)!);
    const [before, after] = [version('20210910T134521Z_dee977cf'), version('20220526T101924Z_839cc86a')];
    const diff = textHunks(before, after);
    const lines = diff.hunks.flatMap((hunk) => hunk.lines);
    const moved = lines.filter((line) => line.kind === 'moved');
    // Its heading and its paragraph.
    expect(moved.map((line) => line.text)[0]).toBe('django-rest-knox');
    expect(moved.length).toBeGreaterThanOrEqual(2);
    expect(moved[0]!.move?.section).toBeTruthy();
    expect(diff.movedBlocks).toBe(moved.length);
    const away = lines.filter((line) => line.kind === 'moved-away');
    expect(away).toHaveLength(1);
    // The moved text is neither removed nor added.
    const changedText = new Set(lines.filter((line) => line.kind === 'added' || line.kind === 'removed').map((line) => line.text));
    expect(moved.filter((line) => changedText.has(line.text))).toEqual([]);
    expect(moved.some((line) => /knox/i.test(line.text))).toBe(true);
    // As edits, the same pair lists every moved block twice.
    const asEdits = diffArrays(before.map((b) => b.text), after.map((b) => b.text)).filter((part) => part.added || part.removed).flatMap((part) => part.value);
    expect(moved.filter((line) => asEdits.includes(line.text)).length).toBe(moved.length);
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
