import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { FEED_CACHE_LIMITS, feedCacheUsage, keepFeedFile } from '../../lib/store/fetched-files';
import { openDocDeltaDB } from '../../lib/store/open-db';
import { recordVisit } from '../../lib/store/page-history';
import { roomSteps } from '../../lib/store/storage-full';

const file = (i: number, size: number) => ({ url: `https://feeds.example.org/f/versions/${i}.json`, bytes: new Uint8Array(size), etag: null, lastModified: null, fetchedAt: i });

describe('the feed file cache', () => {
  test('a site that opens page after page cannot grow it past its limits; the least recently used go', async () => {
    const db = await openDocDeltaDB('feed-cache-lru');
    for (let i = 0; i < 600; i++) await keepFeedFile(db, file(i, 20 * 1024));
    const usage = await feedCacheUsage(db);
    expect(usage.files).toBeLessThanOrEqual(FEED_CACHE_LIMITS.files);
    expect(usage.bytes).toBeLessThanOrEqual(FEED_CACHE_LIMITS.bytes);
    expect(await db.get('feedFiles', file(599, 0).url), 'the newest stays').toBeTruthy();
    expect(await db.get('feedFiles', file(0, 0).url), 'the oldest went').toBeUndefined();
    // Using an old file again (a 304) makes it recent: it outlives newer ones.
    const kept = (await db.getAll('feedFiles')).sort((a, b) => a.fetchedAt - b.fetchedAt)[0]!;
    await keepFeedFile(db, { ...kept, fetchedAt: 10_000 });
    for (let i = 600; i < 700; i++) await keepFeedFile(db, file(i, 20 * 1024));
    expect(await db.get('feedFiles', kept.url)).toBeTruthy();
  }, 60_000);

  test('when storage is full, cached feed files go before any version', async () => {
    const db = await openDocDeltaDB('feed-cache-room');
    for (let i = 0; i < 5; i++) await keepFeedFile(db, file(i, 1024));
    await recordVisit(db, { pageKey: 'docs.example.org/a', url: 'https://docs.example.org/a', title: 'A', siteId: 's', blocks: [{ kind: 'paragraph', level: 0, text: 'One.' }], at: 1 });
    const versions = await db.count('versions');
    await roomSteps[0]!(db, { now: 2 }, new Set(['docs.example.org/a']));
    expect(await db.count('feedFiles')).toBe(0);
    expect(await db.count('versions')).toBe(versions);
  });
});
