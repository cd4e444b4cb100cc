import { pageTimeline } from '../store/page-timeline';
import { compactHistory } from '../store/compact-history';
import { type DocDeltaDB, writeTransaction } from '../store/open-db';
import { findSite } from '../sites/find-site';
import type { SiteRule } from '../sites/site-rule';
import { publishedReaders } from '../published/published-readers';
import { FeedError } from './feed-error';
import { FEED_LIMITS, type FeedIndex, type PageEntry, type VersionEntry, type VersionList } from './feed-schema';
import type { HistorySource } from '../published/history-source';
import { isHtmlRefused } from '../published/html-refused-error';
import { checkFeedUrl, resolveInFeed } from './feed-urls';
import { cachedFeedFile, keepFeedFile } from '../store/fetched-files';
import { originIn } from '../store/version-origins';
import { fetchFeedFile } from './fetch-feed-file';
import { contentValidator } from '../net/content-validator';
import { ingestFeedVersions, type FeedVersionToStore } from './ingest-feed-versions';
import { shardOf } from './page-shard';
import { parseFeedIndex, parsePageShard, parseVersionList } from './parse-feed-file';
import { versionContent } from './version-content';

/** How many of a page's newest feed versions one sync brings in. */
export const VERSIONS_PER_SYNC = 5;

export interface SyncOptions {
  /** The feed's index and shards as a check just read them: a page's sync then asks only for its own files. */
  read?: { index: FeedIndex; shards: ReadonlyMap<string, { shardUrl: string; pages: PageEntry[] }> };
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
}

export type SyncOutcome = { status: 'synced'; added: number } | { status: 'not-in-feed' } | { status: 'failed'; error: string };

export interface PageToSync {
  pageKey: string;
  url: string;
  title: string;
  siteId: string;
}

/**
 * Brings a page's newest versions in from its site's feed: index → shard →
 * version list → content, each file validated (and content hashes checked)
 * before anything is stored, then one ingest transaction. A failure records
 * a readable error on the feed and leaves stored data as it was; when the
 * network fails, the last good copies of the feed's files are used.
 */
export async function syncPageFromFeed(db: DocDeltaDB, feedUrl: string, page: PageToSync, options: SyncOptions = {}): Promise<SyncOutcome> {
  const now = options.now ?? Date.now;
  try {
    const source = feedHistorySource(db, feedUrl, page, options);
    const listed = await source.list({ newest: VERSIONS_PER_SYNC });
    const entry = source.entry();
    if (!entry) {
      await recordSync(db, page.siteId, feedUrl, now(), null, page.pageKey);
      return { status: 'not-in-feed' };
    }
    // Versions already stored under their feed id need no download.
    const known = new Set((await db.getAllFromIndex('versions', 'byPage', page.pageKey)).map((v) => originIn(v, 'feed')?.id));
    const versions: FeedVersionToStore[] = [];
    for (const version of listed) {
      if (known.has(version.id)) continue;
      versions.push({ id: version.id, time: version.time, label: version.label, blocks: await source.read(version, []) });
    }
    const added = await ingestFeedVersions(db, { ...page, url: entry.url, title: entry.title ?? page.title }, versions);
    // Old text the new versions retired is packed like a visit's; not awaited, safe to redo.
    if (added > 0) void compactHistory(db, page.pageKey).then(() => pageTimeline(db, page.pageKey)).catch(() => undefined);
    await recordSync(db, page.siteId, feedUrl, now(), null, page.pageKey);
    return { status: 'synced', added };
  } catch (error) {
    const message = error instanceof FeedError ? error.message : `unexpected error: ${(error as Error).message}`;
    await recordSync(db, page.siteId, feedUrl, now(), message).catch(() => undefined);
    return { status: 'failed', error: message };
  }
}

/**
 * A page's history in its site's feed, as a history source like the Internet Archive's or a
 * repository's: index → shard → version list (each file validated, asked again conditionally
 * from the kept copy, the kept copy used when the host cannot be reached), then one version's
 * content at a time (hashes checked, deltas applied to their base). `entry` is the page as the
 * feed names it once listed (null: the feed does not hold the page; the list is then empty).
 */
export function feedHistorySource(db: DocDeltaDB, feedUrl: string, page: Pick<PageToSync, 'pageKey'>, options: SyncOptions = {}): HistorySource & { entry: () => { url: string; title?: string } | null } {
  const now = options.now ?? Date.now;
  let listed: { list: VersionList; listUrl: string; entryUrl: string; content: (version: VersionEntry) => Promise<Uint8Array> } | null = null;
  let entry: { url: string; title?: string } | null = null;
  return {
    kind: 'feed',
    name: 'the feed',
    cost: { list: 3, read: 2 },
    entry: () => entry,
    async list({ newest, before }) {
      const indexUrl = checkFeedUrl(feedUrl).href;
      const get = <T>(url: string, maxBytes: number, parse: (text: string, url: string) => T) => getFile(db, url, indexUrl, maxBytes, parse, options, now);
      const index = options.read?.index ?? (await readFeedIndex(db, feedUrl, options));
      const shard = await shardOf(page.pageKey, index.pageShards.hexDigits);
      const { shardUrl, pages } = options.read?.shards.get(shard) ?? (await readFeedShard(db, feedUrl, index, shard, options));
      const found = pages.find((p) => p.key === page.pageKey);
      if (!found) return [];
      entry = { url: found.url, ...(found.title ? { title: found.title } : {}) };
      const listUrl = resolveInFeed(found.versions, shardUrl, indexUrl).href;
      const list = await get(listUrl, FEED_LIMITS.versionListBytes, parseVersionList);
      listed = { list, listUrl, entryUrl: found.url, content: versionContent(list, (url) => resolveInFeed(url, listUrl, indexUrl).href, (url, maxBytes) => fetchContent(url, maxBytes, indexUrl, options)) };
      // The list is newest first; older ones are those after `before`.
      const from = before ? list.versions.findIndex((version) => version.id === before.id) + 1 : 0;
      return list.versions.slice(from, from + newest).map((version) => ({ id: version.id, time: Date.parse(version.time), ...(version.label ? { label: version.label } : {}) }));
    },
    async read(version) {
      if (!listed) throw new FeedError('a version was asked for before the feed was listed', feedUrl);
      const { list, listUrl, entryUrl, content } = listed;
      const entryOf = list.versions.find((candidate) => candidate.id === version.id);
      if (!entryOf) throw new FeedError(`version ${version.id} is not in the feed's list`, listUrl);
      return readVersion(entryOf, await content(entryOf), findSite(new URL(entryUrl)), listUrl);
    },
  };
}

/** The feed's index, asked again conditionally from the kept copy (which serves when the host cannot be reached). */
export function readFeedIndex(db: DocDeltaDB, feedUrl: string, options: SyncOptions = {}): Promise<FeedIndex> {
  const indexUrl = checkFeedUrl(feedUrl).href;
  return getFile(db, indexUrl, indexUrl, FEED_LIMITS.indexBytes, parseFeedIndex, options, options.now ?? Date.now);
}

/** One page shard of the feed (`shard` as shardOf names it), asked as the index is. */
export async function readFeedShard(db: DocDeltaDB, feedUrl: string, index: FeedIndex, shard: string, options: SyncOptions = {}): Promise<{ shardUrl: string; pages: PageEntry[] }> {
  const indexUrl = checkFeedUrl(feedUrl).href;
  const shardUrl = resolveInFeed(index.pageShards.url.replace('{shard}', shard), indexUrl, indexUrl).href;
  const { pages } = await getFile(db, shardUrl, indexUrl, FEED_LIMITS.shardBytes, parsePageShard, options, options.now ?? Date.now);
  return { shardUrl, pages };
}

/** A version's blocks; content no browser would show as a page is refused in the feed's words. */
async function readVersion(version: VersionEntry, bytes: Uint8Array, site: SiteRule | undefined, listUrl: string) {
  const readers = await publishedReaders();
  try {
    return readers.contentBlocks(version.type, bytes, site);
  } catch (error) {
    if (isHtmlRefused(error)) throw new FeedError(`version ${version.id} was refused: ${error.message}`, listUrl);
    throw error;
  }
}

async function fetchContent(url: string, maxBytes: number, indexUrl: string, options: SyncOptions): Promise<Uint8Array> {
  const result = await fetchFeedFile(url, { maxBytes: Math.min(maxBytes, FEED_LIMITS.contentBytes), checkUrl: (u) => resolveInFeed(u, indexUrl, indexUrl), ...options });
  if (result.kind !== 'fresh') throw new FeedError('the server sent no content', url);
  return result.bytes;
}

async function getFile<T>(
  db: DocDeltaDB, url: string, indexUrl: string, maxBytes: number,
  parse: (text: string, url: string) => T, options: SyncOptions, now: () => number,
): Promise<T> {
  const cached = await cachedFeedFile(db, url);
  // Asked again conditionally only when the kept tag is the file's own hash: any other tag could
  // be one the host made for this reader, and sending it back would outlast cleared cookies.
  const validator = cached ? await contentValidator(cached) : null;
  let result;
  try {
    result = await fetchFeedFile(url, { maxBytes, checkUrl: (u) => resolveInFeed(u, indexUrl, indexUrl), cached: validator ? { etag: validator } : null, ...options });
  } catch (error) {
    // Offline or failing: the last good copy still serves.
    if (cached) return parse(new TextDecoder().decode(cached.bytes), url);
    throw error;
  }
  if (result.kind === 'not-modified') {
    if (!cached) throw new FeedError('the server said "not modified" for a file never fetched', url);
    const parsed = parse(new TextDecoder().decode(cached.bytes), url);
    await keepFeedFile(db, { ...cached, fetchedAt: now() });
    return parsed;
  }
  // Validate first; only a good file replaces the cached copy.
  const parsed = parse(new TextDecoder().decode(result.bytes), url);
  await keepFeedFile(db, { url, bytes: result.bytes, etag: result.etag, lastModified: result.lastModified, fetchedAt: now() });
  return parsed;
}

/** The site's feed status, and (after a good read) when this page was last checked. */
async function recordSync(db: DocDeltaDB, siteId: string, url: string, at: number, error: string | null, pageKey?: string) {
  const tx = writeTransaction(db, ['feeds', 'pages']);
  await tx.objectStore('feeds').put({ siteId, url, lastSync: at, error });
  const page = pageKey === undefined ? undefined : await tx.objectStore('pages').get(pageKey);
  if (page) await tx.objectStore('pages').put({ ...page, feedChecked: { url, at } });
  await tx.done;
}
