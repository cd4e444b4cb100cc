import type { DocDeltaDB } from '../../lib/store/open-db';

/** What the database holds, in bytes of JSON: a stand-in for IndexedDB's own on-disk size. */
export async function storedBytes(db: DocDeltaDB): Promise<number> {
  let bytes = 0;
  for (const store of ['blocks', 'versions', 'pages'] as const) {
    for (const record of await db.getAll(store)) bytes += new TextEncoder().encode(JSON.stringify(record)).length;
  }
  return bytes;
}
