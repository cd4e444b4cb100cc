import type { DocDeltaDB } from './open-db';
import { applyRetention, loadRetention } from './retention';

/** The browser refused a write because DocDelta's storage is full. */
export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || (name === 'AbortError' && /quota/i.test(String((error as Error).message)));
}

export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

/**
 * Makes room: first the cached feed files (a cache, fetched again when
 * needed), then by the reader's own retention rules, tightened: every page
 * keeps the newer half of its history (never its current version or
 * baseline). Returns how many versions went.
 */
export async function makeRoom(db: DocDeltaDB, now: number): Promise<number> {
  await db.clear('feedFiles');
  const retention = await loadRetention(db);
  let dropped = 0;
  for (const key of await db.getAllKeys('pages')) {
    const versions = await db.countFromIndex('versions', 'byPage', key);
    dropped += await applyRetention(db, key, { ...retention, maxVersions: Math.max(2, Math.min(retention.maxVersions, Math.floor(versions / 2))) }, now);
  }
  return dropped;
}

/**
 * Runs a write; when storage is full, makes room and tries once more. A write
 * that still does not fit fails with the browser's own words, and since each
 * write is one transaction, what was stored before is untouched.
 */
export async function withRoom<T>(db: DocDeltaDB, now: number, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    const dropped = await makeRoom(db, now);
    try {
      return await write();
    } catch (again) {
      if (!isQuotaError(again)) throw again;
      throw new StorageFullError(`The browser's storage for DocDelta is full (${(again as Error).message}); ${dropped} old versions were removed to make room, and this page still did not fit.`);
    }
  }
}
