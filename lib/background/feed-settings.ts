import { checkFeedUrl } from '../feed/feed-urls';
import { builtinSites } from '../sites/builtin-sites';
import type { DocDeltaDB } from '../store/open-db';
import type { FeedRecord } from '../store/schema';

/**
 * Sets (or, with null, removes) the feed of a tracked site. Until the options
 * page exists this is called from the service worker's console:
 *   await docdelta.setFeed('django-rest-framework', 'https://example.org/drf-feed/index.json')
 */
export async function setFeed(db: DocDeltaDB, siteId: string, url: string | null): Promise<FeedRecord | null> {
  if (!builtinSites.some((site) => site.id === siteId)) throw new Error(`"${siteId}" is not a tracked site; known: ${builtinSites.map((s) => s.id).join(', ')}`);
  if (url === null) {
    await db.delete('feeds', siteId);
    return null;
  }
  const record: FeedRecord = { siteId, url: checkFeedUrl(url).href, lastSync: null, error: null };
  await db.put('feeds', record);
  return record;
}

export async function listFeeds(db: DocDeltaDB): Promise<FeedRecord[]> {
  return db.getAll('feeds');
}
