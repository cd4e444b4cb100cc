import { feedCacheUsage } from '../store/fetched-files';
import type { DocDeltaDB } from '../store/open-db';
import type { BrowserUsage } from '../store/storage-budget';

/**
 * What the browser counts for DocDelta's page histories: its estimate for the
 * extension's whole origin less the cached feed files (which the budget does
 * not cover: they are bounded on their own and freed first when storage is full).
 * Null where the browser gives no estimate.
 */
export const browserHistoryUsage =
  (db: DocDeltaDB): BrowserUsage =>
  async () => {
    const estimate = await navigator.storage?.estimate?.().catch(() => null);
    if (!estimate?.usage) return null;
    return Math.max(0, estimate.usage - (await feedCacheUsage(db)).bytes);
  };
