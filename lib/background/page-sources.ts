import { syncPageFromFeed, type SyncOptions } from '../feed/sync-page';
import type { DocDeltaDB } from '../store/open-db';
import type { PageRecord } from '../store/schema';
import type { PublishedSource } from '../store/schema';
// Archives stand in for a feed in the registry's order: a repository's commits first (the page's
// own source, with its authors' words), then the Internet Archive's captures.
import { ARCHIVE_KINDS } from '../history/archive-sources';

/** How long a visited page's feed versions are trusted before the feed is asked again. */
export const FEED_REFRESH_MS = 60 * 60 * 1000;

/** What a visit needs of a page's history sources. */
export interface PageSources {
  /** The sources whose versions a first visit is compared with, in order. */
  order: readonly PublishedSource[];
  /**
   * Brings the sources that keep up by themselves up to date: the site's feed, at most hourly
   * (the archives are asked only by the reader: the popup's click, or "always"). Resolves once
   * done; never rejects (a feed's failure is recorded on the feed, for Options to say).
   */
  refresh: () => Promise<void>;
}

/** The history sources of a page of `siteId`, as a visit at `now` finds them. */
export async function pageSources(db: DocDeltaDB, siteId: string, page: Pick<PageRecord, 'key' | 'title' | 'feedChecked'>, url: string, now: number, sync: SyncOptions = {}): Promise<PageSources> {
  const feed = await db.get('feeds', siteId);
  if (!feed) return { order: ARCHIVE_KINDS, refresh: async () => undefined };
  const checked = page.feedChecked;
  const due = checked?.url !== feed.url || now - checked.at >= FEED_REFRESH_MS;
  return {
    order: ['feed', ...ARCHIVE_KINDS],
    refresh: async () => {
      if (due) await syncPageFromFeed(db, feed.url, { pageKey: page.key, url, title: page.title, siteId }, { now: () => now, ...sync });
    },
  };
}
