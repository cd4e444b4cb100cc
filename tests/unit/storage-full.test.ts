import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { handlePageSeen } from '../../lib/background/page-seen';
import { openDocDeltaDB, type DocDeltaDB } from '../../lib/store/open-db';
import { loadVersionBlocks, recordVisit } from '../../lib/store/page-history';
import { StorageFullError } from '../../lib/store/storage-full';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';

const page = loadCorpus().find((p) => p.slug === 'api-guide__filtering')!;
const KEY = 'www.django-rest-framework.org/api-guide/filtering';
const DAY = 864e5;
const start = Date.UTC(2024, 0, 1);

/**
 * The browser's "storage full", simulated where it happens: IndexedDB refuses
 * to add records (the transaction then aborts with nothing written).
 */
function fillStorage(refusals: number) {
  const original = IDBObjectStore.prototype.add;
  let left = refusals;
  IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
    if (left-- > 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return original.apply(this, args);
  };
  return () => {
    IDBObjectStore.prototype.add = original;
  };
}
/** Storage stays full until DocDelta deletes something `frees` accepts (a store name and key). */
function fullUntil(frees: (store: string, key: unknown) => boolean) {
  const add = IDBObjectStore.prototype.add;
  const remove = IDBObjectStore.prototype.delete;
  let full = true;
  IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
    if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return add.apply(this, args);
  };
  IDBObjectStore.prototype.delete = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
    if (frees(this.name, key)) full = false;
    return remove.call(this, key);
  };
  return () => {
    IDBObjectStore.prototype.add = add;
    IDBObjectStore.prototype.delete = remove;
  };
}
let restore = () => undefined as void;
afterEach(() => restore());

async function history(name: string): Promise<DocDeltaDB> {
  const db = await openDocDeltaDB(name);
  for (const [i, version] of page.versions.slice(0, -1).entries()) {
    await recordVisit(db, { pageKey: KEY, url: page.url, title: 'Filtering', siteId: 'django-rest-framework', blocks: corpusBlocks(page, version), at: start + i * DAY });
  }
  return db;
}

const visitNewest = (db: DocDeltaDB) => handlePageSeen(db, { url: page.url, title: 'Filtering', blocks: corpusBlocks(page, page.versions.at(-1)!), now: start + 100 * DAY });

describe('when the browser\'s storage is full', () => {
  test('the pages opened least recently go first, whole; a page the reader follows keeps every version', async () => {
    const db = await history('full-lru');
    const other = loadCorpus().find((p) => p.slug === 'api-guide__fields')!;
    const olds = loadCorpus().filter((p) => !['api-guide__fields', 'api-guide__filtering'].includes(p.slug));
    const keyOf = (url: string) => url.replace(/^https:\/\//, '').replace(/\/$/, '');
    // Pages read a year ago, and one read yesterday (the victim a flood would have thinned).
    for (const old of olds) {
      for (const [i, version] of old.versions.entries()) await recordVisit(db, { pageKey: keyOf(old.url), url: old.url, title: 'old', siteId: 'django-rest-framework', blocks: corpusBlocks(old, version), at: start - 365 * DAY + i });
    }
    for (const [i, version] of other.versions.entries()) await recordVisit(db, { pageKey: keyOf(other.url), url: other.url, title: 'recent', siteId: 'django-rest-framework', blocks: corpusBlocks(other, version), at: start + 99 * DAY + i });
    const followed = await db.countFromIndex('versions', 'byPage', keyOf(other.url));
    const mine = await db.countFromIndex('versions', 'byPage', KEY);
    // Dropping the feed cache is not enough; removing old pages is.
    restore = fullUntil((store) => store === 'pages');
    await visitNewest(db);
    restore();
    const gone = [];
    for (const old of olds) if (!(await db.get('pages', keyOf(old.url)))) gone.push(old.slug);
    expect(gone.length).toBeGreaterThan(0);
    for (const slug of gone) expect(await db.countFromIndex('versions', 'byPage', keyOf(olds.find((p) => p.slug === slug)!.url))).toBe(0);
    expect(await db.countFromIndex('versions', 'byPage', keyOf(other.url))).toBe(followed);
    expect(await db.countFromIndex('versions', 'byPage', KEY)).toBe(mine + 1);
  });

  test('with no other page to remove, the page being stored gives up its older half, and the new visit is stored', async () => {
    const db = await history('full-1');
    const before = await db.countFromIndex('versions', 'byPage', KEY);
    // The feed cache is not enough and there is no other page: its own old versions make room.
    restore = fullUntil((store) => store === 'versions');
    const { response } = await visitNewest(db);
    restore();
    expect(response.changes.changes.length).toBeGreaterThan(0);
    const after = await db.getAllFromIndex('versions', 'byPage', KEY);
    expect(after.length).toBeLessThan(before);
    // Every version left reads back whole.
    for (const version of after) expect((await loadVersionBlocks(db, version.id!)).length).toBeGreaterThan(0);
    expect((await db.get('pages', KEY))!.views.at(-1)!.first).toBe(start + 100 * DAY);
  });

  test('when even that is not enough: the browser\'s words, and what was stored reads as before', async () => {
    const db = await history('full-2');
    restore = fillStorage(Number.POSITIVE_INFINITY);
    await expect(visitNewest(db)).rejects.toThrow(StorageFullError);
    await expect(visitNewest(db)).rejects.toThrow(/storage for DocDelta is full \(The quota has been exceeded\.\)/);
    restore();
    const page = (await db.get('pages', KEY))!;
    expect(page.views.at(-1)!.first).toBeLessThan(start + 100 * DAY);
    for (const version of await db.getAllFromIndex('versions', 'byPage', KEY)) expect((await loadVersionBlocks(db, version.id!)).length).toBeGreaterThan(0);
  });
});
