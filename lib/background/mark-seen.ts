import { markSeen } from '../baseline';
import { pageKey } from '../page-identity';
import { type DocDeltaDB, writeTransaction } from '../store/open-db';

/** Closes the reader's visit at the page's current version. */
export async function handleMarkSeen(db: DocDeltaDB, url: string, canonical: string | null, now: number): Promise<void> {
  const tx = writeTransaction(db, ['pages']);
  const page = await tx.store.get(pageKey(url, canonical));
  if (page) await tx.store.put({ ...page, views: markSeen(page.views, page.latestVersion, now) });
  await tx.done;
}
