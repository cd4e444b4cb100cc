import { exportPage } from '../backup/export-backup';
import { importBackup } from '../backup/import-backup';
import { BACKUP_FORMAT_VERSION } from '../backup/backup-schema';
import { keyOfPage } from '../store/custom-sites-store';
import type { DocDeltaDB } from '../store/open-db';
import { deletePages } from '../store/storage-usage';

/**
 * Pages stored under a key the identity rule no longer gives: before the query
 * stopped splitting a page's history (unless its site keeps it), `…/fields?page=2`
 * was a page of its own. Each such history is merged into the page its address
 * names now (a version whose text that page has is not added twice, visits are
 * merged) and then removed. The merge and the removal are two transactions: if
 * the worker stops between them, the next run merges again (adding nothing) and
 * removes it. Returns how many pages were merged.
 */
export async function rekeyPages(db: DocDeltaDB): Promise<number> {
  let merged = 0;
  // Only keys with a query can be stale, so the scan reads keys, not records.
  for (const key of await db.getAllKeys('pages')) {
    if (!key.includes('?')) continue;
    const page = await db.get('pages', key);
    if (!page) continue;
    const current = await keyOfPage(db, page.url).catch(() => key);
    if (current === key) continue;
    const exported = await exportPage(db, page);
    if (exported) await importBackup(db, { format: 'docdelta-backup', version: BACKUP_FORMAT_VERSION, exportedAt: Date.now(), pages: [{ ...exported, key: current }], feeds: [], settings: [] });
    await deletePages(db, [key]);
    merged++;
  }
  return merged;
}
