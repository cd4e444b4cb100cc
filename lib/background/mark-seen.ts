import { markSeen } from '../baseline';
import { keyOfPage } from '../store/custom-sites-store';
import { type DocDeltaDB, writeTransaction } from '../store/open-db';

/** Closes the reader's visit at the page's current version. */
export async function handleMarkSeen(db: DocDeltaDB, url: string, now: number): Promise<void> {
  const key = await keyOfPage(db, url);
  const tx = writeTransaction(db, ['pages']);
  const page = await tx.store.get(key);
  if (page) await tx.store.put({ ...page, views: markSeen(page.views, page.latestVersion, now) });
  await tx.done;
}
