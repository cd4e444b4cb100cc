import type { DocDeltaDB } from './open-db';
import { deletePages, pageUsage, type PageUsage } from './storage-usage';

export interface Evicted {
  pages: number;
  bytes: number;
}

/**
 * Makes room the way a reader would choose, until `bytes` are freed: whole
 * histories go, the pages opened least recently first (a page only a feed
 * ever filled counts as never seen), taken from whichever site stores the
 * most at that moment. So a site that floods storage (a hostile one, or one
 * that publishes thousands of pages) gives up its own pages before any other
 * site's, and a page the reader follows elsewhere keeps its whole history.
 * Pages in `keep` (those on screen, the page being stored) are never touched.
 */
export async function evictLeastRecent(db: DocDeltaDB, bytes: number, keep: ReadonlySet<string>, usage?: readonly PageUsage[]): Promise<Evicted> {
  const pages = usage ?? (await pageUsage(db));
  const sites = new Map<string, { bytes: number; candidates: PageUsage[] }>();
  for (const page of pages) {
    let site = sites.get(page.siteId);
    if (!site) sites.set(page.siteId, (site = { bytes: 0, candidates: [] }));
    site.bytes += page.bytes;
    if (!keep.has(page.key)) site.candidates.push(page);
  }
  // Oldest last, so each site's next page to go is a pop away.
  for (const site of sites.values()) site.candidates.sort((a, b) => b.lastViewed - a.lastViewed);
  const doomed: string[] = [];
  let freed = 0;
  while (freed < bytes) {
    let largest: { bytes: number; candidates: PageUsage[] } | null = null;
    for (const site of sites.values()) if (site.candidates.length && (!largest || site.bytes > largest.bytes)) largest = site;
    if (!largest) break;
    const page = largest.candidates.pop()!;
    doomed.push(page.key);
    freed += page.bytes;
    largest.bytes -= page.bytes;
  }
  // In batches, so one transaction never holds thousands of pages' deletes.
  for (let i = 0; i < doomed.length; i += 50) await deletePages(db, doomed.slice(i, i + 50));
  return { pages: doomed.length, bytes: freed };
}
