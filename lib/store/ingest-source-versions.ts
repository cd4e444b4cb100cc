import type { Block } from '../blocks';
import { type DocDeltaDB, writeTransaction } from './open-db';
import { addFullVersion, versionHash } from './page-history';
import type { OriginTag, PublishedSource, StoredVersion } from './schema';
import { originIn, withOrigin } from './version-origins';

/** One version a remote source gave, fetched, checked and read as blocks. */
export interface SourceVersionToStore {
  id: string;
  time: number;
  label?: string;
  blocks: Block[];
}

export interface SourcePage {
  pageKey: string;
  url: string;
  title: string;
  siteId: string;
}

/**
 * Stores a page's versions from one source (a feed, the Internet Archive, the site's
 * repository) in one transaction, after everything was fetched, verified and parsed. A text
 * the page already has (from a visit or another source) is not stored again: it is tagged with
 * this source too; a text that reappears later (a revert) moves to its latest time if this
 * source brought it. A page never visited gets a record whose newest version is the source's
 * newest; a visited page's views are left as they are. Returns how many versions were new.
 */
export async function ingestSourceVersions(db: DocDeltaDB, page: SourcePage, source: PublishedSource, versions: readonly SourceVersionToStore[]): Promise<number> {
  const tx = writeTransaction(db, ['blocks', 'versions', 'pages']);
  const versionsStore = tx.objectStore('versions');
  let added = 0;
  let newest: { id: number; time: number } | null = null;
  const tagOf = (version: SourceVersionToStore): OriginTag => ({ source, id: version.id, time: version.time, ...(version.label ? { label: version.label } : {}) });
  const taggedTime = (version: StoredVersion) => originIn(version, source)?.time ?? -Infinity;
  for (const version of [...versions].sort((a, b) => a.time - b.time)) {
    const hash = versionHash(version.blocks);
    const existing = await versionsStore.index('byPageHash').get([page.pageKey, hash]);
    let id = existing?.id;
    if (id === undefined) {
      id = (await addFullVersion(tx.objectStore('blocks'), versionsStore, page.pageKey, hash, version.blocks, { capturedAt: version.time, source, origins: [tagOf(version)] })).id;
      added++;
    } else if (existing && version.time >= taggedTime(existing)) {
      // A text the reader saw on a visit joins this source's timeline; a text this source
      // brought that came back moves to its latest appearance, so the version before it is
      // the one it replaced. A visit keeps the time the reader saw it.
      await versionsStore.put({ ...existing, origins: withOrigin(existing, tagOf(version)), ...(existing.source === source ? { capturedAt: version.time } : {}) });
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
