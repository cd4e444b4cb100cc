import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { exportBackup } from '../../lib/backup/export-backup';
import { BackupError, importBackup, parseBackup } from '../../lib/backup/import-backup';
import { BACKUP_FORMAT_VERSION } from '../../lib/backup/backup-schema';
import { pageTimeline } from '../../lib/store/page-timeline';
import { setFeed } from '../../lib/background/feed-settings';
import { loadFollows } from '../../lib/store/follows-store';
import { openDocDeltaDB, type DocDeltaDB } from '../../lib/store/open-db';
import { compactHistory } from '../../lib/store/compact-history';
import { ingestSourceVersions } from '../../lib/store/ingest-source-versions';
import { loadVersionBlocks, recordVisit } from '../../lib/store/page-history';
import { historyAlways, setHighlights, setHistoryAlways } from '../../lib/store/settings';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';

const pages = loadCorpus().filter((p) => ['api-guide__pagination', 'tutorial__1-serialization'].includes(p.slug));
const keyOf = (url: string) => url.replace(/^https:\/\//, '').replace(/\/$/, '');
let counter = 0;

/** A database with real history: every version of two pages visited a day apart, old text packed. */
async function withHistory(): Promise<DocDeltaDB> {
  const db = await openDocDeltaDB(`backup-${++counter}`);
  for (const page of pages) {
    for (const [i, version] of page.versions.entries()) {
      await recordVisit(db, { pageKey: keyOf(page.url), url: page.url, title: page.slug, siteId: 'django-rest-framework', blocks: corpusBlocks(page, version), at: Date.UTC(2020, 0, 1) + i * 864e5 });
    }
    await compactHistory(db, keyOf(page.url));
  }
  await setFeed(db, 'django-rest-framework', 'https://feeds.example.org/drf/index.json');
  await setHighlights(db, 'django-rest-framework', false);
  await setHistoryAlways(db, 'django-rest-framework', 'github', true);
  return db;
}

/** Every page's versions, as the reader would see them: time, source and text. */
async function everything(db: DocDeltaDB) {
  const out: Record<string, Array<{ time: number; source: string; text: string }>> = {};
  for (const page of await db.getAll('pages')) {
    out[page.key] = await Promise.all((await pageTimeline(db, page.key)).map(async (entry) => ({
      time: entry.time, source: entry.source, text: (await loadVersionBlocks(db, entry.versionId)).map((b) => `${b.kind}:${b.text}`).join('\n'),
    })));
  }
  return out;
}

describe('export and import', () => {
  test('export → clear everything → import keeps every version, visit, feed and setting', async () => {
    const db = await withHistory();
    const before = await everything(db);
    const file = JSON.stringify(await exportBackup(db, Date.now()));
    const fresh = await openDocDeltaDB(`backup-${++counter}`);
    const report = await importBackup(fresh, parseBackup(file));
    expect(report.versionsAdded).toBe(Object.values(before).reduce((n, list) => n + list.length, 0));
    expect(await everything(fresh)).toEqual(before);
    for (const page of await db.getAll('pages')) {
      const restored = await fresh.get('pages', page.key);
      expect(restored!.views.map((v) => [v.first, v.last])).toEqual(page.views.map((v) => [v.first, v.last]));
    }
    // A feed is fetched on every visit: the file offers it, the reader confirms it (Options).
    expect(await fresh.get('feeds', 'django-rest-framework')).toBeUndefined();
    expect(report.feedsOffered).toEqual([{ siteId: 'django-rest-framework', url: 'https://feeds.example.org/drf/index.json' }]);
    expect((await fresh.get('settings', 'highlights:django-rest-framework'))!.value).toBe(false);
    // "Always ask GitHub" sends every page's address without a click: the file names it, the reader turns it on.
    expect(await historyAlways(fresh, 'django-rest-framework')).toEqual([]);
    expect(report.historySwitchesLeft).toEqual(['django-rest-framework']);
  });

  test('which feed and archives held each version survives export and import, and a format 1 file still reads', async () => {
    const db = await openDocDeltaDB(`backup-${++counter}`);
    const page = pages[0]!;
    const target = { pageKey: keyOf(page.url), url: page.url, title: page.slug, siteId: 'django-rest-framework' };
    const blocksOf = (i: number) => corpusBlocks(page, page.versions[i]!);
    await recordVisit(db, { ...target, blocks: blocksOf(2), at: Date.UTC(2021, 0, 1) });
    await ingestSourceVersions(db, target, 'feed', [{ id: 'v0', time: Date.UTC(2020, 0, 1), label: 'Release 3.10', blocks: blocksOf(0) }, { id: 'v2', time: Date.UTC(2020, 6, 1), blocks: blocksOf(2) }]);
    await ingestSourceVersions(db, target, 'archive', [{ id: '20200301000000', time: Date.UTC(2020, 2, 1), blocks: blocksOf(0) }, { id: '20200401000000', time: Date.UTC(2020, 3, 1), blocks: blocksOf(1) }]);
    const origins = async (d: DocDeltaDB) => (await d.getAllFromIndex('versions', 'byPage', target.pageKey)).map((v) => ({ source: v.source, origins: v.origins })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const expected = await origins(db);
    expect(expected.flatMap((v) => v.origins ?? [])).toHaveLength(4);

    const file = await exportBackup(db, 1);
    expect(file.version).toBe(BACKUP_FORMAT_VERSION);
    const restored = await openDocDeltaDB(`backup-${++counter}`);
    await importBackup(restored, parseBackup(JSON.stringify(file)));
    expect(await origins(restored)).toEqual(expected);

    // What an earlier DocDelta exported: a feed tag and one archive tag per version.
    type Tag = { source: string; id: string; label?: string; time: number };
    const asFormat1 = ({ origins: tags = [], ...version }: { origins?: Tag[] }) => {
      const feed = tags.find((tag) => tag.source === 'feed');
      const archived = tags.find((tag) => tag.source !== 'feed');
      return { ...version, ...(feed ? { feed: { id: feed.id, time: feed.time, ...(feed.label ? { label: feed.label } : {}) } } : {}), ...(archived ? { archived } : {}) };
    };
    const older = { ...file, version: 1, pages: file.pages.map((p) => ({ ...p, versions: p.versions.map(asFormat1) })) };
    const fromOlder = await openDocDeltaDB(`backup-${++counter}`);
    await importBackup(fromOlder, parseBackup(JSON.stringify(older)));
    expect(await origins(fromOlder)).toEqual(expected);

    // A file that mixes the two is damaged, and so is one naming a source twice.
    expect(() => parseBackup(JSON.stringify({ ...file, version: 1 }))).toThrow(/names its sources the way its format does/);
    expect(() => parseBackup(JSON.stringify({ ...older, version: BACKUP_FORMAT_VERSION }))).toThrow(/names its sources the way its format does/);
    const twice = { ...file, pages: file.pages.map((p) => ({ ...p, versions: p.versions.map((v) => ({ ...v, ...(v.origins ? { origins: [...v.origins, ...v.origins] } : {}) })) })) };
    expect(() => parseBackup(JSON.stringify(twice))).toThrow(/one tag per source/);
  });

  test('a one-line file cannot turn on "Always ask" an archive for a site', async () => {
    const db = await openDocDeltaDB(`backup-${++counter}`);
    const file = JSON.stringify({ format: 'docdelta-backup', version: BACKUP_FORMAT_VERSION, exportedAt: 1, pages: [], feeds: [], settings: [{ key: 'history-archive:mdn', value: true }, { key: 'history-github:django-rest-framework', value: true }] });
    const report = await importBackup(db, parseBackup(file));
    expect(await historyAlways(db, 'mdn')).toEqual([]);
    expect(await historyAlways(db, 'django-rest-framework')).toEqual([]);
    expect(await db.getAll('settings')).toEqual([]);
    expect(report.historySwitchesLeft.sort()).toEqual(['django-rest-framework', 'mdn']);
  });

  test('a file cannot follow a site: following sends requests on a schedule, so only a click starts it', async () => {
    const db = await openDocDeltaDB(`backup-${++counter}`);
    const follow = { siteId: 'react', followedAt: 1, seenAt: 1, sources: { github: { nextAt: 1, lastCheck: null, failures: 0, error: null, requests: [] } } };
    const file = JSON.stringify({ format: 'docdelta-backup', version: BACKUP_FORMAT_VERSION, exportedAt: 1, pages: [], feeds: [], settings: [{ key: 'follow:react', value: JSON.stringify(follow) }] });
    const report = await importBackup(db, parseBackup(file));
    expect(await loadFollows(db)).toEqual([]);
    expect(report.followsLeft).toEqual(['react']);
    // A follow the file holds that is not one is refused, as any setting DocDelta does not have.
    const broken = { ...follow, sources: { github: { ...follow.sources.github, failures: -1 } } };
    expect(() => parseBackup(file.replace(JSON.stringify(JSON.stringify(follow)), JSON.stringify(JSON.stringify(broken))))).toThrow(/followed site is not valid/);
  });

  test('importing into the same history adds nothing twice', async () => {
    const db = await withHistory();
    const before = await everything(db);
    const views = (await db.getAll('pages')).map((p) => p.views.length);
    const report = await importBackup(db, parseBackup(JSON.stringify(await exportBackup(db, 1))));
    expect(report.versionsAdded).toBe(0);
    expect(await everything(db)).toEqual(before);
    // The feed set here stays; nothing is offered in its place.
    expect(report.feedsOffered).toEqual([]);
    expect((await db.getAll('pages')).map((p) => p.views.length)).toEqual(views);
  });

  test('a hostile or damaged file is refused with a clear error, and nothing is written', async () => {
    const db = await withHistory();
    const good = await exportBackup(db, 1);
    const target = await openDocDeltaDB(`backup-${++counter}`);
    const bad: Array<[string, RegExp]> = [
      ['{"format": "docdelta-backup", "version": 1', /not a DocDelta export: not valid JSON/],
      [JSON.stringify({ ...good, version: 7 }), /newer DocDelta \(format 7\)/],
      [JSON.stringify(good).replace('"pages":[', '"pages":[{"__proto__":{"polluted":1}},'), /forbidden key "__proto__"/],
      [JSON.stringify({ ...good, extra: { constructor: { prototype: { polluted: 1 } } } }), /forbidden key "constructor"/],
      [JSON.stringify({ ...good, pages: [{ ...good.pages[0]!, versions: [{ ...good.pages[0]!.versions[0]!, blocks: [999_999] }] }] }), /names a block it does not have/],
      [JSON.stringify({ ...good, pages: [{ ...good.pages[0]!, views: [{ version: 500, first: 1, last: 1 }] }] }), /names a version it does not have/],
      [JSON.stringify({ ...good, feeds: [{ siteId: 'x', url: 'http://evil.example.org/feed.json' }] }), /feed DocDelta cannot use/],
      [JSON.stringify({ ...good, pages: [{ ...good.pages[0]!, title: 5 }] }), /damaged: pages\.0\.title/],
      // Issue 14: settings written raw, a page's address not its key, one long block named a million times.
      [JSON.stringify({ ...good, settings: [{ key: 'retention', value: '{"maxVersions":-5,"maxAgeDays":0}' }] }), /history limits are out of range/],
      [JSON.stringify({ ...good, settings: [{ key: 'custom-sites', value: '{"not":"a list"}' }] }), /added sites are not valid/],
      [JSON.stringify({ ...good, settings: [{ key: 'custom-sites', value: JSON.stringify([{ id: 'custom:https://*.com/*', name: 'x', pattern: 'https://*.com/*', contentSelector: null }]) }] }), /added sites are not valid/],
      [JSON.stringify({ ...good, settings: [{ key: 'highlights:x', value: 'yes' }] }), /not on or off/],
      [JSON.stringify({ ...good, settings: [{ key: '__anything', value: 1 }] }), /not a setting DocDelta has/],
      [JSON.stringify({ ...good, settings: [{ key: 'history-archive:x', value: 'yes' }] }), /history source switch is not valid/],
      [JSON.stringify({ ...good, pages: [{ ...good.pages[0]!, url: 'javascript:alert(1)//' }] }), /is not the page/],
      [JSON.stringify({ ...good, pages: [{ ...good.pages[0]!, url: 'https://other.example.org/' }] }), /is not the page/],
      [JSON.stringify({ ...good, pages: [{ ...good.pages[0]!, url: 'https://www.django-rest-framework.org.evil.example/api-guide/pagination/' }] }), /is not the page/],
      [
        JSON.stringify({ ...good, pages: [{ ...good.pages[0]!, blocks: [['paragraph', 0, 'x'.repeat(100_000)]], versions: [{ ...good.pages[0]!.versions[0]!, blocks: new Array(60).fill(0) }], views: [] }] }),
        /too large to import/,
      ],
    ];
    for (const [text, message] of bad) {
      expect(() => parseBackup(text), message.source).toThrow(BackupError);
      expect(() => parseBackup(text)).toThrow(message);
    }
    // A page whose canonical link named it (another path on its own host) is not damaged.
    const aliased = { ...good, pages: [{ ...good.pages[0]!, url: 'https://www.django-rest-framework.org/3.14/api-guide/pagination/' }] };
    expect(parseBackup(JSON.stringify(aliased)).pages[0]!.key).toBe(good.pages[0]!.key);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(await target.count('versions')).toBe(0);
    expect(await target.count('pages')).toBe(0);
  });

  test("an import never changes what a page here already is (its site, address and title)", async () => {
    const db = await withHistory();
    const backup = parseBackup(JSON.stringify(await exportBackup(db, 1)));
    const before = await db.get('pages', backup.pages[0]!.key);
    await importBackup(db, { ...backup, pages: [{ ...backup.pages[0]!, title: 'Renamed' }] });
    const after = await db.get('pages', backup.pages[0]!.key);
    expect(after!.siteId).toBe(before!.siteId);
    expect(after!.title).toBe(before!.title);
  });

  test('a page filed under a site it does not belong to is refused before anything is written; a page filed under another key is stored under its own', async () => {
    const db = await withHistory();
    const backup = parseBackup(JSON.stringify(await exportBackup(db, 1)));
    const target = await openDocDeltaDB(`backup-${++counter}`);
    const refused = (pages: typeof backup.pages) => importBackup(target, { ...backup, pages, settings: [] });
    await expect(refused([backup.pages[1]!, { ...backup.pages[0]!, siteId: 'custom:https://evil.example.org/*' }])).rejects.toThrow(/pagination\/ is not a page of custom:https:\/\/evil\.example\.org\/\* \(it belongs to Django REST framework\)/);
    // A stranger's page filed under a built-in site (its key on the stranger's host).
    await expect(refused([{ ...backup.pages[0]!, url: 'https://evil.example.org/api-guide/pagination/', key: 'evil.example.org/api-guide/pagination' }])).rejects.toThrow(/is not a page of django-rest-framework/);
    expect(await target.count('pages')).toBe(0);
    expect(await target.count('versions')).toBe(0);
    // Filed by an earlier DocDelta under its canonical link's key: stored under the key its address gives.
    const aliased = { ...backup.pages[0]!, url: 'https://www.django-rest-framework.org/3.14/api-guide/pagination/' };
    await importBackup(target, { ...backup, pages: [aliased], settings: [] });
    expect((await target.getAllKeys('pages'))).toEqual(['www.django-rest-framework.org/3.14/api-guide/pagination']);
  });
});
