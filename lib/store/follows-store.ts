import { FOLLOW_PREFIX, readFollow, type Follow } from '../follow/follow-record';
import { type DocDeltaDB, writeTransaction } from './open-db';

/** Every site the reader follows (a stored value that does not read is left out, not fatal). */
export async function loadFollows(db: DocDeltaDB): Promise<Follow[]> {
  const range = IDBKeyRange.bound(FOLLOW_PREFIX, `${FOLLOW_PREFIX}\uffff`);
  return (await db.getAll('settings', range)).flatMap((record) => readFollow(record.key.slice(FOLLOW_PREFIX.length), record.value) ?? []);
}

export async function loadFollow(db: DocDeltaDB, siteId: string): Promise<Follow | null> {
  return readFollow(siteId, (await db.get('settings', FOLLOW_PREFIX + siteId))?.value);
}

export async function saveFollow(db: DocDeltaDB, follow: Follow): Promise<void> {
  await db.put('settings', { key: FOLLOW_PREFIX + follow.siteId, value: JSON.stringify(follow) });
}

/**
 * Changes a follow in one transaction: a check that ran while the reader unfollowed does not
 * bring the follow back (`change` gets null and its answer is dropped), and "Mark all as seen"
 * during a check is not overwritten by the check's older copy.
 */
export async function updateFollow(db: DocDeltaDB, siteId: string, change: (follow: Follow) => Follow): Promise<Follow | null> {
  const tx = writeTransaction(db, ['settings']);
  const store = tx.objectStore('settings');
  const current = readFollow(siteId, (await store.get(FOLLOW_PREFIX + siteId))?.value);
  const next = current && change(current);
  if (next) await store.put({ key: FOLLOW_PREFIX + siteId, value: JSON.stringify(next) });
  await tx.done;
  return next;
}

export async function deleteFollow(db: DocDeltaDB, siteId: string): Promise<void> {
  await db.delete('settings', FOLLOW_PREFIX + siteId);
}
