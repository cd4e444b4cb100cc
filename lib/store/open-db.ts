import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, type DocDeltaSchema } from './schema';

export type DocDeltaDB = IDBPDatabase<DocDeltaSchema>;

/**
 * Opens (and creates or upgrades) the extension's database. Upgrades are
 * cumulative: each `oldVersion < N` step takes a database of version N-1 to N.
 */
export function openDocDeltaDB(name = DB_NAME): Promise<DocDeltaDB> {
  return openDB<DocDeltaSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const blocks = db.createObjectStore('blocks', { keyPath: 'id', autoIncrement: true });
        blocks.createIndex('byPageHash', ['pageKey', 'hash'], { unique: true });
        const archives = db.createObjectStore('archives', { keyPath: 'id', autoIncrement: true });
        archives.createIndex('byBlockId', 'ids', { multiEntry: true });
        archives.createIndex('byPage', 'pageKey');
        const versions = db.createObjectStore('versions', { keyPath: 'id', autoIncrement: true });
        versions.createIndex('byPage', 'pageKey');
        versions.createIndex('byPageHash', ['pageKey', 'hash'], { unique: true });
        db.createObjectStore('pages', { keyPath: 'key' });
        db.createObjectStore('feeds', { keyPath: 'siteId' });
        db.createObjectStore('feedFiles', { keyPath: 'url' });
      }
      if (oldVersion < 2) {
        db.createObjectStore('settings', { keyPath: 'key' });
      }
    },
    blocking() {
      // A newer build wants to upgrade: let it, rather than block it forever.
      void dbPromiseClose(name);
    },
  });
}

const open = new Map<string, Promise<DocDeltaDB>>();

async function dbPromiseClose(name: string) {
  const db = await open.get(name);
  open.delete(name);
  db?.close();
}

/** One shared connection per database name for this extension context. */
export function sharedDB(name = DB_NAME): Promise<DocDeltaDB> {
  let db = open.get(name);
  if (!db) {
    db = openDocDeltaDB(name);
    open.set(name, db);
    db.catch(() => open.delete(name));
  }
  return db;
}
