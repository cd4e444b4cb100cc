import 'fake-indexeddb/auto';
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exportBackup } from '../../lib/backup/export-backup';
import { importBackup, parseBackup } from '../../lib/backup/import-backup';
import { ingestFeedVersions } from '../../lib/feed/ingest-feed-versions';
import { ingestSourceVersions } from '../../lib/store/ingest-source-versions';
import { openDocDeltaDB, type DocDeltaDB } from '../../lib/store/open-db';
import { recordVisit } from '../../lib/store/page-history';
import { pageTimeline } from '../../lib/store/page-timeline';
import { applyRetention } from '../../lib/store/retention';
import { clearEverything, clearSite } from '../../lib/store/storage-usage';
import { projectRoot } from '../../harness/chromium';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';

// The background keeps each listed timeline until the next write to the versions, so the
// popup gets it at once. These check that no kind of write leaves a stale timeline behind.
const page = loadCorpus().find((p) => p.slug === 'api-guide__filtering')!;
const KEY = 'www.django-rest-framework.org/api-guide/filtering';
const SITE = 'django-rest-framework';
const DAY = 864e5;
// Four versions whose texts differ (some corpus versions differ only in markup).
const texts = [...new Map(page.versions.map((version) => corpusBlocks(page, version)).map((blocks) => [blocks.map((b) => b.text).join('\n'), blocks])).values()].slice(-4);
let dbs = 0;
const names = new Map<DocDeltaDB, string>();

async function visited(count: number): Promise<DocDeltaDB> {
  const db = await openDocDeltaDB(`timeline-${++dbs}`);
  names.set(db, `timeline-${dbs}`);
  for (let i = 0; i < count; i++) await visit(db, i, i);
  return db;
}

const visit = (db: DocDeltaDB, text: number, day: number) =>
  recordVisit(db, { pageKey: KEY, url: page.url, title: 'Filtering', siteId: SITE, blocks: texts[text]!, at: day * DAY });
/** The timeline's days, after checking the kept list is what a new connection (nothing kept) reads. */
async function times(db: DocDeltaDB): Promise<number[]> {
  const kept = await pageTimeline(db, KEY);
  const other = await openDocDeltaDB(names.get(db)!);
  expect(kept).toEqual(await pageTimeline(other, KEY));
  other.close();
  return kept.map((entry) => entry.time / DAY);
}

describe('the timeline kept between looks', () => {
  test('a second look with nothing written in between is the same list, not a new read', async () => {
    const db = await visited(3);
    const first = await pageTimeline(db, KEY);
    expect(first.map((entry) => entry.time / DAY)).toEqual([2, 1, 0]);
    expect(await pageTimeline(db, KEY)).toBe(first);
  });

  test('a new version shows at once, and so does seeing an older text again', async () => {
    const db = await visited(2);
    expect(await times(db)).toEqual([1, 0]);
    await visit(db, 2, 5);
    expect(await times(db)).toEqual([5, 1, 0]);
    // A → B → C → A: the first text is current again.
    await visit(db, 0, 9);
    await times(db);
  });

  test('feed versions join it; retention, clearing and import change it', async () => {
    const db = await visited(2);
    expect(await times(db)).toEqual([1, 0]);
    await ingestFeedVersions(db, { pageKey: KEY, url: page.url, title: 'Filtering', siteId: SITE }, [
      { id: 'f3', time: 3 * DAY, label: 'v3', blocks: texts[3]! },
      { id: 'f2', time: 2 * DAY, blocks: texts[2]! },
    ]);
    const withFeed = await pageTimeline(db, KEY);
    expect(withFeed.map((entry) => [entry.time / DAY, entry.source, entry.label])).toEqual([[3, 'feed', 'v3'], [2, 'feed', null], [1, 'visit', null], [0, 'visit', null]]);

    const backup = await exportBackup(db, 10 * DAY);
    // Keeps the newest, the page's current version (day 1) and its baseline (day 0).
    await applyRetention(db, KEY, { maxVersions: 1, maxAgeDays: 0, maxStorageMB: 0 }, 10 * DAY);
    expect(await times(db)).toEqual([3, 1, 0]);

    await clearSite(db, SITE);
    expect(await times(db)).toEqual([]);
    await importBackup(db, backup);
    expect(await times(db)).toEqual([3, 2, 1, 0]);
    await clearEverything(db);
    expect(await times(db)).toEqual([]);
  });

  test('archive captures and commits join one timeline, labelled, and survive export and import', async () => {
    const db = await openDocDeltaDB(`timeline-${++dbs}`);
    names.set(db, `timeline-${dbs}`);
    // A first visit to a page the archives know: today's text, then two older captures and a commit.
    await visit(db, 3, 10);
    const target = { pageKey: KEY, url: page.url, title: 'Filtering', siteId: SITE };
    expect(await ingestSourceVersions(db, target, 'archive', [
      { id: '20250101000000', time: 1 * DAY, blocks: texts[0]! },
      { id: '20250301000000', time: 3 * DAY, blocks: texts[1]! },
      // The archive also captured today's text: no new version, the visit is tagged.
      { id: '20250901000000', time: 9 * DAY, blocks: texts[3]! },
    ])).toBe(2);
    expect(await ingestSourceVersions(db, target, 'github', [{ id: `${'a'.repeat(40)}:docs/api-guide/filtering.md`, time: 5 * DAY, label: 'Docs: filtering backends', blocks: texts[2]! }])).toBe(1);
    const listed = await pageTimeline(db, KEY);
    expect(listed.map((entry) => [entry.time / DAY, entry.source, entry.label])).toEqual([[10, 'visit', null], [5, 'github', 'Docs: filtering backends'], [3, 'archive', null], [1, 'archive', null]]);
    expect((await db.getAllFromIndex('versions', 'byPage', KEY)).find((v) => v.source === 'visit')!.origins).toEqual([{ source: 'archive', id: '20250901000000', time: 9 * DAY }]);
    // Asking again stores nothing twice.
    expect(await ingestSourceVersions(db, target, 'archive', [{ id: '20250101000000', time: 1 * DAY, blocks: texts[0]! }])).toBe(0);

    const backup = await exportBackup(db, 11 * DAY);
    await clearSite(db, SITE);
    await importBackup(db, parseBackup(JSON.stringify(backup)));
    expect((await pageTimeline(db, KEY)).map((entry) => [entry.time / DAY, entry.source, entry.label])).toEqual(listed.map((entry) => [entry.time / DAY, entry.source, entry.label]));
  });

  test('words counted on a first look stay right on the next (counting them is a write too)', async () => {
    const db = await visited(3);
    const first = await pageTimeline(db, KEY);
    expect(first[0]!.addedWords + first[0]!.removedWords).toBeGreaterThan(0);
    expect(await pageTimeline(db, KEY)).toEqual(first);
  });

  test('lint refuses a write that would not be counted', async () => {
    const eslint = new ESLint({ cwd: projectRoot });
    for (const snippet of ["db.transaction(['versions'], 'readwrite');", "db.put('versions', {});"]) {
      const [result] = await eslint.lintText(`declare const db: { transaction(s: string[], m: string): void; put(s: string, v: unknown): void };\n${snippet}\nexport {};\n`, { filePath: join(projectRoot, 'lib/lint-probe.ts') });
      expect(result!.messages.map((m) => m.message).join('\n'), snippet).toContain('writeTransaction()');
    }
  });
});
