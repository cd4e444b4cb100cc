import { evictLeastRecent, type Evicted } from './evict-pages';
import type { DocDeltaDB } from './open-db';
import { pageUsage } from './storage-usage';

/** After going over budget, what is stored is brought down to this share of it, so the next visits fit. */
const REFILL_SHARE = 0.9;

interface Watch {
  /** The total last counted (after any eviction), or null before the first count. */
  measured: number | null;
  /** An upper bound on what was stored since. */
  since: number;
}

const watches = new WeakMap<DocDeltaDB, Watch>();

/** An upper bound on what storing `chars` characters of new text costs, ids and records included. */
export const bytesForChars = (chars: number): number => 2 * chars + 1024;

/**
 * Keeps what DocDelta stores under the reader's budget (`budgetBytes`; 0 is
 * none) by the same rule as a full disk: the least recently viewed pages go
 * first, whole, never one in `keep`. Counting everything reads every store,
 * so it is done only when what was added since the last count could have
 * crossed the budget; when it is crossed, storage goes down to 90% of it, so
 * counts stay rare however long the reader reads.
 */
export async function keepUnderBudget(db: DocDeltaDB, addedBytes: number, budgetBytes: number, keep: ReadonlySet<string>): Promise<Evicted | null> {
  const watch = watches.get(db) ?? { measured: null, since: 0 };
  watches.set(db, watch);
  watch.since += addedBytes;
  if (budgetBytes <= 0 || (watch.measured !== null && watch.measured + watch.since <= budgetBytes)) return null;
  const usage = await pageUsage(db);
  const total = usage.reduce((sum, page) => sum + page.bytes, 0);
  watch.since = 0;
  if (total <= budgetBytes) {
    watch.measured = total;
    return null;
  }
  const evicted = await evictLeastRecent(db, total - budgetBytes * REFILL_SHARE, keep, usage);
  watch.measured = total - evicted.bytes;
  return evicted;
}
