import { FeedError } from '../feed/feed-error';
import { shardOf } from '../feed/page-shard';
import { readFeedIndex, readFeedShard, syncPageFromFeed, type SyncOptions } from '../feed/sync-page';
import { HistoryError } from '../history/history-error';
import type { DocDeltaDB } from '../store/open-db';
import type { SiteRule } from '../sites/site-rule';
import { pageKeyReader } from '../store/custom-sites-store';
import { originIn } from '../store/version-origins';
import type { SourceState } from './follow-record';
import { FOLLOW_WINDOW_MS } from './follow-schedule';
import type { CheckOutcome } from './github-follow';

/** Pages read in one check; more wait for the next (the index is then read as changed again). */
export const FEED_PAGES_PER_CHECK = 20;
/** A feed of over 4,096 pages has 256 shards or more: only those holding pages the reader has are read. */
const ALL_SHARDS_UP_TO = 1;

/**
 * One check of a followed site's feed: its index, asked conditionally (one request, answered
 * "not modified" while the feed is unchanged). When the feed was rebuilt, its page shards (one
 * for a feed of up to 256 pages, sixteen up to 4,096), then, for each page whose newest version
 * is one DocDelta does not have, that page's newest versions, as a visit's sync reads them.
 * Versions are dated by the feed.
 */
export async function checkFeedFollow(db: DocDeltaDB, feedUrl: string, site: SiteRule, state: SourceState, now: number, stillWanted: () => Promise<boolean>, options: SyncOptions = {}): Promise<CheckOutcome> {
  let requests = 0;
  const counted = options.fetch ?? fetch;
  const sync: SyncOptions = { ...options, now: () => now, fetch: (input, init) => ((requests += 1), counted(input, init)) };
  const since = state.since ?? now - FOLLOW_WINDOW_MS;
  let progress: SourceState = { ...state, since };
  let pages = 0;
  try {
    const index = await readFeedIndex(db, feedUrl, sync);
    if (index.generated === state.generated) return { state: progress, pages, requests, error: null };
    const shards = new Map<string, Awaited<ReturnType<typeof readFeedShard>>>();
    for (const shard of await shardsToRead(db, site.id, index.pageShards.hexDigits)) shards.set(shard, await readFeedShard(db, feedUrl, index, shard, sync));
    const listed = [...shards.values()].flatMap((shard) => shard.pages);
    const newer = [];
    const keyOf = await pageKeyReader(db);
    for (const entry of listed) {
      const latest = Date.parse(entry.latest);
      if (latest <= since) continue;
      // Only the followed site's pages, under the key DocDelta gives their address: a feed cannot
      // add versions to another site's pages, or to a page under a name not its own.
      if (!site.matches(new URL(entry.url)) || keyOf(entry.url) !== entry.key) continue;
      const stored = await db.getAllFromIndex('versions', 'byPage', entry.key);
      if (!stored.some((version) => originIn(version, 'feed')?.time === latest)) newer.push(entry);
    }
    for (const entry of newer.slice(0, FEED_PAGES_PER_CHECK)) {
      if (!(await stillWanted())) return { state: progress, pages, requests, error: null };
      // The index and shards just read serve each page's sync: it asks only for the page's own files.
      const outcome = await syncPageFromFeed(db, feedUrl, { pageKey: entry.key, url: entry.url, title: entry.title ?? entry.url, siteId: site.id }, { ...sync, read: { index, shards } });
      if (outcome.status === 'failed') throw new FeedError(outcome.error);
      if (outcome.status === 'synced' && outcome.added > 0) pages++;
    }
    if (newer.length <= FEED_PAGES_PER_CHECK) progress = { ...progress, generated: index.generated };
    return { state: progress, pages, requests, error: null };
  } catch (error) {
    if (!(error instanceof FeedError) && !(error instanceof HistoryError)) throw error;
    return { state: progress, pages, requests, error: new HistoryError(`the feed: ${error.message}`) };
  }
}

/** Every shard of a feed of up to 4,096 pages; of a larger one, those that list pages the reader has of the site. */
async function shardsToRead(db: DocDeltaDB, siteId: string, hexDigits: number): Promise<string[]> {
  if (hexDigits === 0) return ['all'];
  if (hexDigits <= ALL_SHARDS_UP_TO) return [...'0123456789abcdef'];
  const keys = (await db.getAll('pages')).filter((page) => page.siteId === siteId).map((page) => page.key);
  return [...new Set(await Promise.all(keys.map((key) => shardOf(key, hexDigits))))].slice(0, 16);
}
