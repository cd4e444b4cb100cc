import type { RateStore } from '../store/new-page-rate-store';

/** Pages DocDelta has never stored that one tab may add per minute, and one site per hour. */
export const NEW_PAGES_PER_TAB_PER_MINUTE = 20;
export const NEW_PAGES_PER_SITE_PER_HOUR = 200;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A tab or site adding new pages faster than anyone reads: the page is shown nothing and stored nowhere. */
export class TooManyNewPagesError extends Error {
  override name = 'TooManyNewPagesError';
  constructor(scope: 'tab' | 'site') {
    super(
      scope === 'tab'
        ? `This tab opened more than ${NEW_PAGES_PER_TAB_PER_MINUTE} pages DocDelta had never seen in a minute, faster than anyone reads, so it stopped storing new pages from it for a minute.`
        : `This site opened more than ${NEW_PAGES_PER_SITE_PER_HOUR} pages DocDelta had never seen in an hour, so it stopped storing new pages from it for a while.`,
    );
  }
}

/**
 * Counts new page keys per tab and per site in sliding windows. A page script
 * can change its URL endlessly (history.pushState, query strings), and each
 * new URL is a new page to store; these limits bound what one tab or one site
 * can add, far above what a reader opens. Pages already stored are never
 * counted or refused. The site windows are kept in `store` when one is given:
 * a site that pauses until the background stops would otherwise get a fresh
 * hour each time. Tab windows last a minute and stay in memory.
 */
export class NewPageRate {
  private readonly tabs = new Map<number, number[]>();
  private readonly sites = new Map<string, number[]>();
  private restored: Promise<void> | null = null;

  constructor(private readonly store?: RateStore) {}

  /** Counts one new page for `tabId` and `siteId` at `now`, or throws when either is over its limit. */
  async admit(tabId: number, siteId: string, now: number): Promise<void> {
    await (this.restored ??= this.restore());
    const tab = recent(this.tabs, tabId, now - MINUTE);
    const site = recent(this.sites, siteId, now - HOUR);
    if (tab.length >= NEW_PAGES_PER_TAB_PER_MINUTE) throw new TooManyNewPagesError('tab');
    if (site.length >= NEW_PAGES_PER_SITE_PER_HOUR) throw new TooManyNewPagesError('site');
    tab.push(now);
    site.push(now);
    // Losing a count is better than refusing the reader's page: a failed save stores the page anyway.
    await this.store?.save(Object.fromEntries([...this.sites].filter(([, times]) => times.length > 0))).catch(() => undefined);
  }

  forgetTab(tabId: number): void {
    this.tabs.delete(tabId);
  }

  private async restore(): Promise<void> {
    const saved = await this.store?.load().catch(() => undefined);
    for (const [siteId, times] of Object.entries(saved ?? {})) {
      // Only what a save could have written: at most the limit's worth of numbers per site.
      if (Array.isArray(times)) this.sites.set(siteId, times.filter((time) => typeof time === 'number').slice(-NEW_PAGES_PER_SITE_PER_HOUR));
    }
  }
}

/** The times in `map` under `key` after `since` (older ones dropped, so each list stays within its limit). */
function recent<K>(map: Map<K, number[]>, key: K, since: number): number[] {
  const times = (map.get(key) ?? []).filter((time) => time > since);
  map.set(key, times);
  return times;
}
