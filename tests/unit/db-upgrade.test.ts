import 'fake-indexeddb/auto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDB } from 'idb';
import { describe, expect, test } from 'vitest';
import { chooseBaseline } from '../../lib/baseline';
import { openDocDeltaDB } from '../../lib/store/open-db';
import { loadVersionBlocks } from '../../lib/store/page-history';
import { DB_VERSION } from '../../lib/store/schema';
import { highlightsOn } from '../../lib/store/settings';
import { pageTimeline } from '../../lib/store/page-timeline';

interface Fixture {
  version: number;
  stores: Record<string, unknown[]>;
}

const fixturesDir = join(import.meta.dirname, '../fixtures');
const fixtures = readdirSync(fixturesDir)
  .filter((name) => /^db-v\d+\.json$/.test(name))
  .map((name) => JSON.parse(readFileSync(join(fixturesDir, name), 'utf8')) as Fixture);

/** Writes a fixture as the build of that schema version would have: its own upgrade, raw records. */
async function writeFixture(name: string, fixture: Fixture) {
  // Every schema version's stores and indexes, as that version's build created them.
  const db = await openDB(name, fixture.version, {
    upgrade(raw) {
      const blocks = raw.createObjectStore('blocks', { keyPath: 'id', autoIncrement: true });
      blocks.createIndex('byPageHash', ['pageKey', 'hash'], { unique: true });
      const archives = raw.createObjectStore('archives', { keyPath: 'id', autoIncrement: true });
      archives.createIndex('byBlockId', 'ids', { multiEntry: true });
      archives.createIndex('byPage', 'pageKey');
      const versions = raw.createObjectStore('versions', { keyPath: 'id', autoIncrement: true });
      versions.createIndex('byPage', 'pageKey');
      versions.createIndex('byPageHash', ['pageKey', 'hash'], { unique: true });
      raw.createObjectStore('pages', { keyPath: 'key' });
      raw.createObjectStore('feeds', { keyPath: 'siteId' });
      raw.createObjectStore('feedFiles', { keyPath: 'url' });
      if (fixture.version >= 2) raw.createObjectStore('settings', { keyPath: 'key' });
    },
  });
  for (const [store, records] of Object.entries(fixture.stores)) {
    const tx = db.transaction(store, 'readwrite');
    for (const record of records) await tx.store.put(record);
    await tx.done;
  }
  db.close();
}

describe('database upgrades', () => {
  test('there is a fixture for every schema version', () => {
    expect(fixtures.map((f) => f.version).sort()).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
  });

  test.each(fixtures.map((f) => [f.version, f] as const))('a version %i database opens in the latest build with its history intact', async (_v, fixture) => {
    const name = `upgrade-${fixture.version}`;
    await writeFixture(name, fixture);
    const db = await openDocDeltaDB(name);
    expect(db.version).toBe(DB_VERSION);
    const page = await db.get('pages', 'www.django-rest-framework.org/api-guide/fields');
    expect(chooseBaseline(page!.views)).toBe(1);
    expect((await loadVersionBlocks(db, 1)).map((b) => b.text)).toEqual(['Serializer fields', 'Defaults to False']);
    expect((await loadVersionBlocks(db, 2)).map((b) => b.text)).toEqual(['Serializer fields', 'Defaults to True']);
    // Settings exist from v2 on; a v1 database starts with the defaults.
    expect(await highlightsOn(db, 'django-rest-framework')).toBe(fixture.version < 2);
    db.close();
  });

  test('a version 2 database keeps which feed and archives held each version, in the one list v3 reads', async () => {
    const fixture = fixtures.find((f) => f.version === 2)!;
    await writeFixture('origins-from-v2', fixture);
    const db = await openDocDeltaDB('origins-from-v2');
    const [older, newer] = [(await db.get('versions', 1))!, (await db.get('versions', 2))!];
    expect(older).not.toHaveProperty('feed');
    expect(older).not.toHaveProperty('archived');
    expect(older.origins).toEqual([
      { source: 'feed', id: '3.14.0', label: 'Release 3.14', time: 1699990000000 },
      { source: 'archive', id: '20231114221320', time: 1699999999000 },
    ]);
    expect(newer.origins).toEqual([{ source: 'github', id: 'abc1234:docs/api-guide/fields.md', label: 'Fields: default is True', time: 1700080000000 }]);
    // What the popup's timeline shows of them: the feed's name for a version, a commit's subject, which one a feed lists.
    const timeline = await pageTimeline(db, 'www.django-rest-framework.org/api-guide/fields');
    expect(timeline.map((entry) => [entry.label, entry.inFeed])).toEqual([['Fields: default is True', false], ['Release 3.14', true]]);
    db.close();
  });
});
