import { type DocDeltaDB, writeTransaction } from './open-db';
import type { FeedFileRecord } from './schema';

/**
 * The last good copy of each feed file (index, page lists, version lists),
 * kept to revalidate with ETags and to serve when the network fails. Bounded:
 * the least recently used files go first past 400 files or 8 MB, so pages a
 * site opens one after another cannot grow it without end.
 */
export const FEED_CACHE_LIMITS = { files: 400, bytes: 8 * 1024 * 1024 } as const;

export async function cachedFeedFile(db: DocDeltaDB, url: string): Promise<FeedFileRecord | undefined> {
  return db.get('feedFiles', url);
}

/** Stores (or touches) a file as just used, then drops the least recently used past the limits. */
export async function keepFeedFile(db: DocDeltaDB, record: FeedFileRecord): Promise<void> {
  await db.put('feedFiles', record);
  const all = await db.getAll('feedFiles');
  let bytes = all.reduce((n, file) => n + file.bytes.byteLength, 0);
  if (all.length <= FEED_CACHE_LIMITS.files && bytes <= FEED_CACHE_LIMITS.bytes) return;
  const oldestFirst = all.filter((file) => file.url !== record.url).sort((a, b) => a.fetchedAt - b.fetchedAt);
  let files = all.length;
  const tx = writeTransaction(db, ['feedFiles']);
  for (const file of oldestFirst) {
    if (files <= FEED_CACHE_LIMITS.files && bytes <= FEED_CACHE_LIMITS.bytes) break;
    await tx.objectStore('feedFiles').delete(file.url);
    files--;
    bytes -= file.bytes.byteLength;
  }
  await tx.done;
}

/** What the cache holds, for the storage figures. */
export async function feedCacheUsage(db: DocDeltaDB): Promise<{ files: number; bytes: number }> {
  const all = await db.getAll('feedFiles');
  return { files: all.length, bytes: all.reduce((n, file) => n + file.bytes.byteLength, 0) };
}

/** Frees the whole cache (it is only a cache): the first thing to go when storage is full. */
export async function clearFeedCache(db: DocDeltaDB): Promise<number> {
  const files = await db.count('feedFiles');
  await db.clear('feedFiles');
  return files;
}
