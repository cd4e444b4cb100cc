import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, test } from 'vitest';
import { openDocDeltaDB, sharedDB, StorageOpenError } from '../../lib/store/open-db';
import { DB_VERSION } from '../../lib/store/schema';

describe('opening the database when things go wrong', () => {
  test('a newer build upgrading while this one holds the database: this one lets go', async () => {
    const held = await sharedDB('let-go');
    await held.put('settings', { key: 'kept', value: true });
    const newer = await openDB('let-go', DB_VERSION + 1, { upgrade: (db) => void db.createObjectStore('future') });
    expect(newer.version).toBe(DB_VERSION + 1);
    expect(await newer.get('settings', 'kept')).toEqual({ key: 'kept', value: true });
    newer.close();
  });

  test('an older copy that never lets go: a plain-words error after the timeout, not a hang', async () => {
    const stubborn = await openDB('stubborn', 1, { upgrade: (db) => void db.createObjectStore('pages', { keyPath: 'key' }) });
    // No versionchange handling: it keeps the database open.
    await expect(openDocDeltaDB('stubborn', 200)).rejects.toThrow(StorageOpenError);
    stubborn.close();
  });

  test('data newer than this build: a plain-words error, and the data untouched', async () => {
    const future = await openDB('future', DB_VERSION + 5, { upgrade: (db) => void db.createObjectStore('pages', { keyPath: 'key' }) });
    await future.put('pages', { key: 'p' });
    future.close();
    await expect(openDocDeltaDB('future')).rejects.toThrow(/newer than this copy of DocDelta/);
    const again = await openDB('future', DB_VERSION + 5);
    expect(await again.get('pages', 'p')).toEqual({ key: 'p' });
    again.close();
  });

  test('an upgrade that fails half way leaves the old database as it was, and a later one succeeds', async () => {
    const old = await openDB('half-way', 1, {
      upgrade(db) {
        db.createObjectStore('pages', { keyPath: 'key' });
        for (const name of ['blocks', 'archives', 'versions']) {
          const store = db.createObjectStore(name, { keyPath: 'id', autoIncrement: true });
          if (name === 'versions') {
            store.createIndex('byPage', 'pageKey');
            store.createIndex('byPageHash', ['pageKey', 'hash'], { unique: true });
          }
          if (name === 'blocks') store.createIndex('byPageHash', ['pageKey', 'hash'], { unique: true });
          if (name === 'archives') {
            store.createIndex('byBlockId', 'ids', { multiEntry: true });
            store.createIndex('byPage', 'pageKey');
          }
        }
        db.createObjectStore('feeds', { keyPath: 'siteId' });
        db.createObjectStore('feedFiles', { keyPath: 'url' });
      },
    });
    await old.put('pages', { key: 'kept', url: 'https://x', title: '', siteId: 's', latestVersion: 1, views: [] });
    old.close();
    // The v1 → v2 step fails (as a browser error would make it).
    const create = IDBDatabase.prototype.createObjectStore;
    IDBDatabase.prototype.createObjectStore = function () {
      throw new DOMException('simulated failure', 'UnknownError');
    };
    await expect(openDocDeltaDB('half-way')).rejects.toThrow();
    IDBDatabase.prototype.createObjectStore = create;
    const still = await openDB('half-way');
    expect(still.version).toBe(1);
    expect((await still.get('pages', 'kept'))?.key).toBe('kept');
    still.close();
    const upgraded = await openDocDeltaDB('half-way');
    expect(upgraded.version).toBe(DB_VERSION);
    expect((await upgraded.get('pages', 'kept'))?.key).toBe('kept');
    upgraded.close();
  });
});
