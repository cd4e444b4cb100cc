import { type DocDeltaDB, writeTransaction } from './open-db';

export interface SiteUsage {
  siteId: string;
  pages: number;
  versions: number;
  /** What this site's history takes, counted from what is stored (text, ids, packed archives). */
  bytes: number;
}

/** Storage used per site, from one read of every store. */
export async function storageUsage(db: DocDeltaDB): Promise<SiteUsage[]> {
  const tx = db.transaction(['pages', 'versions', 'blocks', 'archives'], 'readonly');
  const siteOf = new Map<string, string>();
  const sites = new Map<string, SiteUsage>();
  const usage = (pageKey: string) => {
    const siteId = siteOf.get(pageKey) ?? 'unknown';
    let site = sites.get(siteId);
    if (!site) sites.set(siteId, (site = { siteId, pages: 0, versions: 0, bytes: 0 }));
    return site;
  };
  for (const page of await tx.objectStore('pages').getAll()) {
    siteOf.set(page.key, page.siteId);
    const site = usage(page.key);
    site.pages++;
    site.bytes += page.key.length + page.url.length + page.title.length + page.views.length * 24;
  }
  for (const version of await tx.objectStore('versions').getAll()) {
    const site = usage(version.pageKey);
    site.versions++;
    const ids = 'full' in version.encoding ? version.encoding.full.length : version.encoding.ops.length;
    site.bytes += 64 + ids * 4;
  }
  for (let cursor = await tx.objectStore('blocks').openCursor(); cursor; cursor = await cursor.continue()) {
    usage(cursor.value.pageKey).bytes += cursor.value.text.length + 32;
  }
  for (const archive of await tx.objectStore('archives').getAll()) usage(archive.pageKey).bytes += archive.data.byteLength + archive.ids.length * 4;
  await tx.done;
  return [...sites.values()].sort((a, b) => b.bytes - a.bytes);
}

/** Deletes everything stored for one site's pages, in one transaction. */
export async function clearSite(db: DocDeltaDB, siteId: string): Promise<number> {
  const tx = writeTransaction(db, ['pages', 'versions', 'blocks', 'archives']);
  const pages = (await tx.objectStore('pages').getAll()).filter((page) => page.siteId === siteId);
  for (const page of pages) {
    const range = IDBKeyRange.bound([page.key, ''], [page.key, '\uffff']);
    for (const id of await tx.objectStore('blocks').index('byPageHash').getAllKeys(range)) await tx.objectStore('blocks').delete(id);
    for (const id of await tx.objectStore('versions').index('byPage').getAllKeys(page.key)) await tx.objectStore('versions').delete(id);
    for (const id of await tx.objectStore('archives').index('byPage').getAllKeys(page.key)) await tx.objectStore('archives').delete(id);
    await tx.objectStore('pages').delete(page.key);
  }
  await tx.done;
  return pages.length;
}

/** Deletes everything DocDelta stored: history, feeds, their cached files and settings. */
export async function clearEverything(db: DocDeltaDB): Promise<void> {
  const stores = ['pages', 'versions', 'blocks', 'archives', 'feeds', 'feedFiles', 'settings'] as const;
  const tx = writeTransaction(db, [...stores]);
  await Promise.all(stores.map((name) => tx.objectStore(name).clear()));
  await tx.done;
}
