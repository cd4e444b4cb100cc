import { type DocDeltaDB, writeTransaction } from './open-db';
import type { BlockArchive, PageRecord, StoredBlock, StoredVersion } from './schema';

export interface SiteUsage {
  siteId: string;
  pages: number;
  versions: number;
  /** What this site's history takes, counted from what is stored (text, ids, packed archives). */
  bytes: number;
}

/** What one page's history takes, and when the reader last had it on screen (0: never, feed only). */
export interface PageUsage {
  key: string;
  siteId: string;
  versions: number;
  bytes: number;
  lastViewed: number;
  /** When the reader last opened it themselves (View.unopened), or null: never (a script's URL, a source alone). */
  lastOpened: number | null;
}

const BATCH = 2000;

// What each record costs, as counted: the text and ids it holds, plus a fixed share for the record.
const pageRecordBytes = (page: PageRecord) => page.key.length + page.url.length + page.title.length + page.views.length * 24;
const versionBytes = (version: StoredVersion) => 64 + ('full' in version.encoding ? version.encoding.full.length : version.encoding.ops.length) * 4;
const blockBytes = (block: StoredBlock) => block.text.length + 32;
const archiveBytes = (archive: BlockArchive) => archive.data.byteLength + archive.ids.length * 4;

/** Storage used per page, counted from what is stored (text, ids, packed archives), in one read of every store. */
export async function pageUsage(db: DocDeltaDB): Promise<PageUsage[]> {
  const tx = db.transaction(['pages', 'versions', 'blocks', 'archives'], 'readonly');
  const pages = new Map<string, PageUsage>();
  // Records of a page whose page record is gone still count, under an unknown site.
  const usage = (key: string) => {
    let page = pages.get(key);
    if (!page) pages.set(key, (page = { key, siteId: 'unknown', versions: 0, bytes: 0, lastViewed: 0, lastOpened: null }));
    return page;
  };
  for (const page of await tx.objectStore('pages').getAll()) {
    const entry = usage(page.key);
    entry.siteId = page.siteId;
    entry.lastViewed = page.views.at(-1)?.last ?? 0;
    entry.lastOpened = page.views.findLast((view) => !view.unopened)?.last ?? null;
    entry.bytes += pageRecordBytes(page);
  }
  for (const version of await tx.objectStore('versions').getAll()) {
    const entry = usage(version.pageKey);
    entry.versions++;
    entry.bytes += versionBytes(version);
  }
  // Blocks hold the text, so they are read in batches: never all of it in memory at once,
  // and far fewer round trips than a cursor's one per record.
  const blocks = tx.objectStore('blocks');
  for (let batch = await blocks.getAll(undefined, BATCH); batch.length; batch = await blocks.getAll(IDBKeyRange.lowerBound(batch.at(-1)!.id!, true), BATCH)) {
    for (const block of batch) usage(block.pageKey).bytes += blockBytes(block);
  }
  for (const archive of await tx.objectStore('archives').getAll()) usage(archive.pageKey).bytes += archiveBytes(archive);
  await tx.done;
  return [...pages.values()];
}

/** What one page's history takes, counted as pageUsage counts it, read through the page's indexes. */
export async function pageBytes(db: DocDeltaDB, key: string): Promise<number> {
  const tx = db.transaction(['pages', 'versions', 'blocks', 'archives'], 'readonly');
  const [page, versions, blocks, archives] = await Promise.all([
    tx.objectStore('pages').get(key),
    tx.objectStore('versions').index('byPage').getAll(key),
    // Arrays sort after strings: the range is the page's blocks.
    tx.objectStore('blocks').index('byPageHash').getAll(IDBKeyRange.bound([key], [key, []])),
    tx.objectStore('archives').index('byPage').getAll(key),
  ]);
  await tx.done;
  const sum = <T>(records: readonly T[], bytes: (record: T) => number) => records.reduce((total, record) => total + bytes(record), 0);
  return (page ? pageRecordBytes(page) : 0) + sum(versions, versionBytes) + sum(blocks, blockBytes) + sum(archives, archiveBytes);
}

/** Storage used per site: the pages' figures added up. */
export async function storageUsage(db: DocDeltaDB): Promise<SiteUsage[]> {
  const sites = new Map<string, SiteUsage>();
  for (const page of await pageUsage(db)) {
    let site = sites.get(page.siteId);
    if (!site) sites.set(page.siteId, (site = { siteId: page.siteId, pages: 0, versions: 0, bytes: 0 }));
    site.pages++;
    site.versions += page.versions;
    site.bytes += page.bytes;
  }
  return [...sites.values()].sort((a, b) => b.bytes - a.bytes);
}

/** Deletes everything stored for one site's pages, in one transaction. */
export async function clearSite(db: DocDeltaDB, siteId: string): Promise<number> {
  const keys = (await db.getAll('pages')).filter((page) => page.siteId === siteId).map((page) => page.key);
  await deletePages(db, keys);
  return keys.length;
}

/** Deletes pages' whole histories (text, versions, archives, the page), in one transaction. */
export async function deletePages(db: DocDeltaDB, keys: readonly string[]): Promise<void> {
  const tx = writeTransaction(db, ['pages', 'versions', 'blocks', 'archives']);
  for (const key of keys) {
    const range = IDBKeyRange.bound([key, ''], [key, '\uffff']);
    for (const id of await tx.objectStore('blocks').index('byPageHash').getAllKeys(range)) await tx.objectStore('blocks').delete(id);
    for (const id of await tx.objectStore('versions').index('byPage').getAllKeys(key)) await tx.objectStore('versions').delete(id);
    for (const id of await tx.objectStore('archives').index('byPage').getAllKeys(key)) await tx.objectStore('archives').delete(id);
    await tx.objectStore('pages').delete(key);
  }
  await tx.done;
}

/** Deletes everything DocDelta stored: history, feeds, their cached files and settings. */
export async function clearEverything(db: DocDeltaDB): Promise<void> {
  const stores = ['pages', 'versions', 'blocks', 'archives', 'feeds', 'feedFiles', 'settings'] as const;
  const tx = writeTransaction(db, [...stores]);
  await Promise.all(stores.map((name) => tx.objectStore(name).clear()));
  await tx.done;
}
