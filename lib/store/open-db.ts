import { openDB, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from 'idb';
import { DB_NAME, DB_VERSION, type DocDeltaSchema, type StoredVersion } from './schema';
import { originsFromLegacy, type LegacyOrigins } from './version-origins';

export type DocDeltaDB = IDBPDatabase<DocDeltaSchema>;

export class StorageOpenError extends Error {
  override name = 'StorageOpenError';
}

/** How long an upgrade waits for an older copy of DocDelta to let go of the database. */
export const BLOCKED_TIMEOUT_MS = 10_000;

/**
 * Opens (and creates or upgrades) the extension's database. Upgrades are
 * cumulative: each `oldVersion < N` step takes a database of version N-1 to N,
 * inside the browser's upgrade transaction, so a step that fails leaves the
 * database as it was. Fails in plain words when the data is newer than this
 * build, or when an older copy keeps it open past the timeout.
 */
export function openDocDeltaDB(name = DB_NAME, blockedTimeoutMs = BLOCKED_TIMEOUT_MS): Promise<DocDeltaDB> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let gaveUp = false;
  let blockedHandler: () => void = () => undefined;
  const stuck = new Promise<never>((_, reject) => {
    blockedHandler = () => {
      timer = setTimeout(() => {
        gaveUp = true;
        reject(new StorageOpenError('DocDelta\'s storage is held open by an older copy of DocDelta (another window or tab of it); close it, or restart the browser.'));
      }, blockedTimeoutMs);
    };
  });
  const opening = openDB<DocDeltaSchema>(name, DB_VERSION, {
    blocked: () => blockedHandler(),
    upgrade(db, oldVersion, _newVersion, transaction) {
      // A failing step aborts the upgrade; the open call reports it, so this must not too.
      transaction.done.catch(() => undefined);
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
      if (oldVersion < 3) void moveOriginsIntoOneField(transaction.objectStore('versions'));
    },
    blocking() {
      // A newer build wants to upgrade: let it, rather than block it forever.
      void dbPromiseClose(name);
    },
  }).catch((error: unknown) => {
    if ((error as { name?: string } | null)?.name === 'VersionError') {
      throw new StorageOpenError(`DocDelta's stored data is newer than this copy of DocDelta (it reads version ${DB_VERSION}); update DocDelta.`);
    }
    throw error;
  });
  // A connection that arrives after we gave up is closed, not leaked.
  void opening.then((db) => gaveUp && db.close(), () => undefined);
  return Promise.race([opening, stuck]).finally(() => clearTimeout(timer));
}

/**
 * v3: a version's `feed` and `archived` tags become its list of `origins`. Runs inside the
 * upgrade transaction; a failure aborts it, so the database stays at v2 with nothing lost.
 */
async function moveOriginsIntoOneField(versions: IDBPObjectStore<DocDeltaSchema, ArrayLike<StoreNames<DocDeltaSchema>>, 'versions', 'versionchange'>) {
  try {
    for (let cursor = await versions.openCursor(); cursor; cursor = await cursor.continue()) {
      const { feed, archived, ...rest } = cursor.value as StoredVersion & LegacyOrigins;
      if (!feed && !archived) continue;
      await cursor.update({ ...rest, origins: originsFromLegacy({ feed, archived }) });
    }
  } catch {
    versions.transaction.abort();
  }
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

const versionWrites = new WeakMap<DocDeltaDB, number>();

/**
 * How many write transactions on `versions` this connection has opened. A
 * read stamped with it stays valid while it is unchanged: this extension
 * context is the only writer (the background; extension pages ask it).
 */
export function versionWriteCount(db: DocDeltaDB): number {
  return versionWrites.get(db) ?? 0;
}

/**
 * Every write transaction is opened here (lint enforces it), so readers that
 * keep what they read (the popup's timelines) know when it may have changed.
 */
export function writeTransaction<const Names extends readonly StoreNames<DocDeltaSchema>[]>(db: DocDeltaDB, stores: Names): IDBPTransaction<DocDeltaSchema, Names, 'readwrite'> {
  if (stores.includes('versions')) versionWrites.set(db, versionWriteCount(db) + 1);
  return db.transaction(stores, 'readwrite');
}
