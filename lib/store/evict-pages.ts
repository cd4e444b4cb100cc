import type { DocDeltaDB } from './open-db';
import { deletePages, pageUsage, type PageUsage } from './storage-usage';

export interface Evicted {
  pages: number;
  bytes: number;
}

/**
 * Makes room the way a reader would choose: whole histories of the pages
 * they had on screen least recently go first (a page only a feed ever filled
 * counts as never seen), until `bytes` are freed. Pages in `keep` (those on
 * screen, the page being stored) are never touched, and no other page loses
 * part of its history, so one busy site cannot thin out the pages a reader
 * follows.
 */
export async function evictLeastRecent(db: DocDeltaDB, bytes: number, keep: ReadonlySet<string>, usage?: readonly PageUsage[]): Promise<Evicted> {
  const candidates = (usage ?? (await pageUsage(db))).filter((page) => !keep.has(page.key)).sort((a, b) => a.lastViewed - b.lastViewed);
  const doomed: string[] = [];
  let freed = 0;
  for (const page of candidates) {
    if (freed >= bytes) break;
    doomed.push(page.key);
    freed += page.bytes;
  }
  // In batches, so one transaction never holds thousands of pages' deletes.
  for (let i = 0; i < doomed.length; i += 50) await deletePages(db, doomed.slice(i, i + 50));
  return { pages: doomed.length, bytes: freed };
}
