import { evictLeastRecent, type EvictionCause } from './evict-pages';
import type { DocDeltaDB } from './open-db';
import { applyRetention, loadRetention } from './retention';
import { pageUsage } from './storage-usage';

/** The browser refused a write because DocDelta's storage is full. */
export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || (name === 'AbortError' && /quota/i.test(String((error as Error).message)));
}

export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

/** Share of what is stored that removing pages frees, so the next visits fit too. */
const ROOM_SHARE = 0.2;

/** One way to make room, cheapest loss first; each says what it removed. */
type RoomStep = (db: DocDeltaDB, cause: EvictionCause, keep: ReadonlySet<string>) => Promise<string | null>;

/**
 * The ways to make room, in order: the cached feed files (a cache, fetched
 * again when needed); then whole histories by the eviction order (evict-pages.ts: what
 * nobody opened on the site that is storing, then what the reader has not opened for
 * longest), a fifth of what is stored (never a page in `keep`: on screen, or being
 * stored), so no page the reader follows is thinned; and only
 * when no other page is left, the kept pages' older half by the retention
 * rules (never a current version or baseline).
 */
export const roomSteps: readonly RoomStep[] = [
  async (db) => {
    await db.clear('feedFiles');
    return null;
  },
  async (db, cause, keep) => {
    const usage = await pageUsage(db);
    const total = usage.reduce((sum, page) => sum + page.bytes, 0);
    const evicted = await evictLeastRecent(db, total * ROOM_SHARE, keep, cause, usage);
    return evicted.pages > 0 ? `${evicted.pages} pages you had not opened, or not for longest, were removed` : null;
  },
  async (db, { now }, keep) => {
    const retention = await loadRetention(db);
    let dropped = 0;
    for (const key of keep) {
      const versions = await db.countFromIndex('versions', 'byPage', key);
      dropped += await applyRetention(db, key, { ...retention, maxVersions: Math.max(2, Math.min(retention.maxVersions, Math.floor(versions / 2))) }, now);
    }
    return dropped > 0 ? `${dropped} old versions of this page were removed` : null;
  },
];

/**
 * Runs a write; while storage is full, takes the next step to make room and
 * tries again. A write that still does not fit fails with the browser's own
 * words, and since each write is one transaction, what was stored before is
 * untouched.
 */
export async function withRoom<T>(db: DocDeltaDB, cause: EvictionCause, keep: ReadonlySet<string>, write: () => Promise<T>): Promise<T> {
  const made: string[] = [];
  for (let step = 0; ; step++) {
    try {
      return await write();
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      if (step === roomSteps.length) {
        const removed = made.length ? `${made.join(', and ')} to make room` : 'nothing could be removed to make room';
        throw new StorageFullError(`The browser's storage for DocDelta is full (${(error as Error).message}); ${removed}, and this page still did not fit.`);
      }
      const removed = await roomSteps[step]!(db, cause, keep);
      if (removed) made.push(removed);
    }
  }
}
