import { exportPage } from '../backup/export-backup';
import { importBackup } from '../backup/import-backup';
import { BACKUP_FORMAT_VERSION } from '../backup/backup-schema';
import { keyOfPage } from '../store/custom-sites-store';
import type { DocDeltaDB } from '../store/open-db';
import { deletePages } from '../store/storage-usage';

/**
 * Pages stored under a key the identity rule no longer gives: before the query
 * stopped splitting a page's history (unless its site keeps it), `…/fields?page=2`
 * was a page of its own, and before canonical links stopped naming pages,
 * `…/3.14/fields` could be stored as `…/fields`. Each such history is merged into
 * the page its address names now (a version whose text that page has is not added
 * twice, visits are merged) and then removed. The merge and the removal are two
 * transactions: if the worker stops between them, the next run merges again
 * (adding nothing) and removes it. A page that cannot be merged (its site is gone)
 * stays as it is. Returns how many pages were merged.
 */
export async function rekeyPages(db: DocDeltaDB): Promise<number> {
  let merged = 0;
  for (const page of await db.getAll('pages')) {
    const current = await keyOfPage(db, page.url).catch(() => page.key);
    if (current === page.key) continue;
    const exported = await exportPage(db, page);
    try {
      if (exported) await importBackup(db, { format: 'docdelta-backup', version: BACKUP_FORMAT_VERSION, exportedAt: Date.now(), pages: [{ ...exported, key: current }], feeds: [], settings: [] });
    } catch (error) {
      console.warn(`DocDelta: ${page.key} stays under its old key:`, error instanceof Error ? error.message : error);
      continue;
    }
    await deletePages(db, [page.key]);
    merged++;
  }
  return merged;
}
