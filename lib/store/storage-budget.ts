import { evictLeastRecent, type EvictionCause, type Evicted } from './evict-pages';
import type { DocDeltaDB } from './open-db';
import { pageUsage } from './storage-usage';

/**
 * What the browser counts for the page histories (`navigator.storage.estimate()` less what the
 * extension keeps besides them), or null where it gives no figure. Injected, so this module
 * stays free of the browser shell.
 */
export type BrowserUsage = () => Promise<number | null>;

/**
 * The most the browser's count may be of DocDelta's own before it is taken for noise: an
 * empty history still costs the browser a few MB of files, and right after pages are
 * removed its count lags until it compacts. Measured steady ratios: about 1.7–2× in
 * Chromium, 4.4× in Firefox ESR (tests/bench/storage-estimate.bench.ts).
 */
const MAX_SCALE = 5;

/** The browser's bytes per byte DocDelta counts, within 1× and MAX_SCALE; 1 without both figures. */
export const browserScale = (browserBytes: number | null, countedBytes: number): number =>
  browserBytes !== null && browserBytes > 0 && countedBytes > 0 ? Math.min(MAX_SCALE, Math.max(1, browserBytes / countedBytes)) : 1;

/** After going over budget, what is stored is brought down to this share of it, so the next visits fit. */
const REFILL_SHARE = 0.9;

interface Watch {
  /** The total last counted (after any eviction), or null before the first count. */
  measured: number | null;
  /** An upper bound on what was stored since. */
  since: number;
  /** The browser's bytes per byte DocDelta counts, as last measured (1 without a browser figure). */
  scale: number;
  /** The last count removed pages: the browser's figure lags until it compacts, so the scale is not measured again yet. */
  evicted: boolean;
}

const watches = new WeakMap<DocDeltaDB, Watch>();

/** An upper bound on what storing `chars` characters of new text costs, ids and records included. */
export const bytesForChars = (chars: number): number => 2 * chars + 1024;

/**
 * Keeps what DocDelta stores under the reader's budget (`budgetBytes`; 0 is
 * none) by the same rule as a full disk (evict-pages.ts: what nobody opened on the
 * site that is storing, then what was not opened for 30 days), never a page in `keep`. Counting everything reads every store,
 * so it is done only when what was added since the last count could have
 * crossed the budget; when it is crossed, storage goes down to 90% of it, so
 * counts stay rare however long the reader reads.
 *
 * The budget is in the browser's terms where it gives a figure: its records,
 * indexes and files cost more than the text DocDelta counts (about 1.7× in
 * Chromium, 4.4× in Firefox), so at each count the two are compared and
 * the budget is applied to DocDelta's count divided by that scale (at most
 * 5×, and not re-measured right after pages were removed, while the
 * browser's figure still holds them).
 */
export async function keepUnderBudget(db: DocDeltaDB, addedBytes: number, budgetBytes: number, keep: ReadonlySet<string>, cause: EvictionCause, browserUsage?: BrowserUsage): Promise<Evicted | null> {
  const watch = watches.get(db) ?? { measured: null, since: 0, scale: 1, evicted: false };
  watches.set(db, watch);
  watch.since += addedBytes;
  if (budgetBytes <= 0 || (watch.measured !== null && watch.measured + watch.since <= budgetBytes / watch.scale)) return null;
  const usage = await pageUsage(db);
  const total = usage.reduce((sum, page) => sum + page.bytes, 0);
  watch.since = 0;
  if (browserUsage && !watch.evicted) {
    const browser = await browserUsage().catch(() => null);
    if (browser !== null && total > 0) watch.scale = browserScale(browser, total);
  }
  const limit = budgetBytes / watch.scale;
  if (total <= limit) {
    watch.measured = total;
    watch.evicted = false;
    return null;
  }
  const evicted = await evictLeastRecent(db, total - limit * REFILL_SHARE, keep, cause, usage);
  watch.measured = total - evicted.bytes;
  watch.evicted = evicted.pages > 0;
  return evicted;
}
