import type { DocDeltaDB } from '../../lib/store/open-db';

/** What the database holds, in bytes of JSON: a stand-in for IndexedDB's own on-disk size. */
export async function storedBytes(db: DocDeltaDB): Promise<number> {
  let bytes = 0;
  // Binary data counts at its length, as IndexedDB stores it.
  const replacer = (_key: string, value: unknown) => (value instanceof Uint8Array ? 'x'.repeat(value.byteLength) : value);
  for (const store of ['blocks', 'versions', 'pages', 'archives'] as const) {
    for (const record of await db.getAll(store)) bytes += new TextEncoder().encode(JSON.stringify(record, replacer)).length;
  }
  return bytes;
}
