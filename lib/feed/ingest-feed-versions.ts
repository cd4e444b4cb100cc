import type { Block } from '../blocks';
import { type DocDeltaDB, writeTransaction } from '../store/open-db';
import { addFullVersion, versionHash } from '../store/page-history';

export interface FeedVersionToStore {
  id: string;
  time: number;
  label?: string;
  blocks: Block[];
}

export interface FeedPage {
  pageKey: string;
  url: string;
  title: string;
  siteId: string;
}

/**
 * Stores a page's feed versions in one transaction, after everything was
 * fetched, verified and parsed. A version whose text the page already has
 * (from a visit or an earlier sync) is not stored again; a feed text that
 * reappears later moves to its latest time. A page never visited
 * gets a record whose newest version is the feed's newest; a visited page's
 * views are left as they are.
 */
export async function ingestFeedVersions(db: DocDeltaDB, page: FeedPage, versions: readonly FeedVersionToStore[]): Promise<number> {
  const tx = writeTransaction(db, ['blocks', 'versions', 'pages']);
  const versionsStore = tx.objectStore('versions');
  let added = 0;
  let newest: { id: number; time: number } | null = null;
  for (const version of [...versions].sort((a, b) => a.time - b.time)) {
    const hash = versionHash(version.blocks);
    const feed = { id: version.id, time: version.time, ...(version.label ? { label: version.label } : {}) };
    const existing = await versionsStore.index('byPageHash').get([page.pageKey, hash]);
    let id = existing?.id;
    if (id === undefined) {
      id = (await addFullVersion(tx.objectStore('blocks'), versionsStore, page.pageKey, hash, version.blocks, { capturedAt: version.time, source: 'feed', feed })).id;
      added++;
    } else if (existing && version.time >= (existing.feed?.time ?? -Infinity)) {
      // A text the reader saw on a visit joins the feed's timeline; a feed text that came
      // back (a revert) moves to its latest appearance, so the version before it is the
      // one it replaced. A visit keeps the time the reader saw it.
      await versionsStore.put({ ...existing, feed, ...(existing.source === 'feed' ? { capturedAt: version.time } : {}) });
    }
    if (!newest || version.time >= newest.time) newest = { id, time: version.time };
  }
  const pages = tx.objectStore('pages');
  if (newest && !(await pages.get(page.pageKey))) {
    await pages.put({ key: page.pageKey, url: page.url, title: page.title, siteId: page.siteId, latestVersion: newest.id, views: [] });
  }
  await tx.done;
  return added;
}
