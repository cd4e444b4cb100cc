import type { DocDeltaDB } from './open-db';
import { applyRetention } from './retention';
import { deletePages, pageBytes, pageUsage, type PageUsage } from './storage-usage';

export interface Evicted {
  pages: number;
  bytes: number;
}

/** What eviction knows of the write that asked for room. */
export interface EvictionCause {
  now: number;
  /** The site whose new page pushed storage over, when a visit or a source's versions did. */
  site?: string;
}

/** A page the reader opened within this long is removed only when nothing else is left. */
export const RECENTLY_OPENED_MS = 30 * 24 * 3600e3;

/**
 * Makes room until `bytes` are freed, whole histories at a time, in this order:
 *
 * 1. pages nobody opened (invented by a page script's URL changes, or filled by a source
 *    alone) of the site whose new pages pushed storage over, newest first: a site that
 *    floods storage pays for it with what it flooded;
 * 2. pages not opened in the last 30 days, least recently opened first, from whichever site
 *    stores the most at that moment;
 * 3. only when nothing else is left, pages opened in the last 30 days, the same way.
 *
 * In 2 and 3 a page with older versions is first thinned, its older half at a time (never its
 * current version nor its baseline), and removed whole only once nothing older is left to
 * thin. Pages in `keep` (those on screen, the page being stored) are never touched.
 */
export async function evictLeastRecent(db: DocDeltaDB, bytes: number, keep: ReadonlySet<string>, cause: EvictionCause, usage?: readonly PageUsage[]): Promise<Evicted> {
  const all = usage ?? (await pageUsage(db));
  // Copies: thinning updates a page's figures as it goes.
  const pages = all.filter((page) => !keep.has(page.key)).map((page) => ({ ...page }));
  const siteBytes = new Map<string, number>();
  for (const page of all) siteBytes.set(page.siteId, (siteBytes.get(page.siteId) ?? 0) + page.bytes);
  const doomed = new Set<string>();
  let freed = 0;
  const remove = (page: PageUsage) => {
    doomed.add(page.key);
    freed += page.bytes;
    siteBytes.set(page.siteId, siteBytes.get(page.siteId)! - page.bytes);
  };
  /** Drops the older half of a page's versions; false when nothing older can go (it is removed whole then). */
  const thin = async (page: PageUsage): Promise<boolean> => {
    if (page.versions <= 2) return false;
    const dropped = await applyRetention(db, page.key, { maxVersions: Math.max(2, Math.ceil(page.versions / 2)), maxAgeDays: 0, maxStorageMB: 0 }, cause.now);
    if (dropped === 0) return false;
    const after = await pageBytes(db, page.key);
    freed += page.bytes - after;
    siteBytes.set(page.siteId, siteBytes.get(page.siteId)! - (page.bytes - after));
    page.bytes = after;
    page.versions -= dropped;
    return true;
  };

  // 1. What nobody opened on the site that is storing, newest first.
  const invented = pages.filter((page) => page.siteId === cause.site && page.lastOpened === null).sort((a, b) => b.lastViewed - a.lastViewed);
  for (const page of invented) {
    if (freed >= bytes) break;
    remove(page);
  }
  // 2. and 3. Least recently opened first, from the site storing the most.
  const recent = cause.now - RECENTLY_OPENED_MS;
  for (const allowed of [(page: PageUsage) => (page.lastOpened ?? 0) < recent, () => true]) {
    const bySite = new Map<string, PageUsage[]>();
    for (const page of pages) {
      if (doomed.has(page.key) || !allowed(page)) continue;
      let list = bySite.get(page.siteId);
      if (!list) bySite.set(page.siteId, (list = []));
      list.push(page);
    }
    // Most recently opened first, so each site's next page to go is a pop away.
    for (const list of bySite.values()) list.sort((a, b) => (b.lastOpened ?? 0) - (a.lastOpened ?? 0) || b.lastViewed - a.lastViewed);
    while (freed < bytes) {
      let largest: string | null = null;
      for (const [site, list] of bySite) if (list.length && (largest === null || siteBytes.get(site)! > siteBytes.get(largest)!)) largest = site;
      if (largest === null) break;
      const list = bySite.get(largest)!;
      // Thinned, it stays next in line; once nothing older is left, it goes whole.
      if (!(await thin(list.at(-1)!))) remove(list.pop()!);
    }
  }
  // In batches, so one transaction never holds thousands of pages' deletes.
  const keys = [...doomed];
  for (let i = 0; i < keys.length; i += 50) await deletePages(db, keys.slice(i, i + 50));
  return { pages: keys.length, bytes: freed };
}
