import type { Block } from '../blocks';
import { hashText } from '../hash';
import { addView } from '../baseline';
import type { IDBPObjectStore, IDBPTransaction } from 'idb';
import { type DocDeltaDB, writeTransaction } from './open-db';
import type { DocDeltaSchema, PageRecord, StoredBlock, StoredVersion } from './schema';
import { unpackArchive } from './block-archive';
import { applyDelta, encodeDelta } from './version-delta';

export interface Capture {
  pageKey: string;
  url: string;
  title: string;
  siteId: string;
  blocks: readonly Block[];
  at: number;
  /** Read over plain http (View.insecure); reached by the page's own script (View.unopened). */
  insecure?: boolean;
  unopened?: boolean;
}

export interface RecordedVisit {
  page: PageRecord;
  versionId: number;
  isNewVersion: boolean;
}

/** The identity of a version's content: its blocks' words, in order. */
export function versionHash(blocks: readonly Block[]): string {
  return hashText(blocks.map((block) => block.text).join('\u0001'));
}

const blockHash = (block: Block) => hashText(`${block.kind}\u0001${block.level}\u0001${block.text}`);

/**
 * Stores one view of a page in a single transaction: the version (only if its
 * content is new; its blocks only if never seen before) and the view. Either
 * all of it is written or, on any error, none of it.
 */
export async function recordVisit(db: DocDeltaDB, capture: Capture): Promise<RecordedVisit> {
  const hash = versionHash(capture.blocks);
  const tx = writeTransaction(db, ['blocks', 'versions', 'pages']);
  const pages = tx.objectStore('pages');
  const versions = tx.objectStore('versions');
  const [existingPage, existingVersionId] = await Promise.all([
    pages.get(capture.pageKey),
    versions.index('byPageHash').getKey([capture.pageKey, hash]),
  ]);
  let versionId = existingVersionId;
  const isNewVersion = versionId === undefined;
  if (versionId === undefined) {
    const added = await addFullVersion(tx.objectStore('blocks'), versions, capture.pageKey, hash, capture.blocks, { capturedAt: capture.at, source: 'visit' });
    versionId = added.id;
    const ids = added.ids;
    if (existingPage) await reencodeAgainst(versions, existingPage.latestVersion, versionId, ids);
  }
  const page: PageRecord = {
    ...existingPage,
    key: capture.pageKey,
    url: capture.url,
    title: capture.title,
    siteId: capture.siteId,
    latestVersion: versionId,
    views: addView(existingPage?.views ?? [], versionId, capture.at, { insecure: capture.insecure, unopened: capture.unopened }),
  };
  await pages.put(page);
  await tx.done;
  return { page, versionId, isNewVersion };
}

type VisitStore<N extends 'blocks' | 'versions'> = IDBPObjectStore<DocDeltaSchema, ['blocks', 'versions', 'pages'], N, 'readwrite'>;

/** The blocks store as any read-write transaction sees it. */
export interface BlockWriter {
  index(name: 'byPageHash'): { getKey(key: [string, string]): Promise<number | undefined> };
  add(value: StoredBlock): Promise<number>;
}

/** Stores a version's blocks (each distinct block once per page) and returns their ids in order. */
export async function storeBlocks(store: BlockWriter, pageKey: string, blocks: readonly Block[]): Promise<number[]> {
  const hashes = blocks.map(blockHash);
  const firstOf = new Map<string, Block>();
  hashes.forEach((hash, i) => firstOf.has(hash) || firstOf.set(hash, blocks[i]!));
  const idByHash = new Map<string, number>();
  await Promise.all(
    [...firstOf].map(async ([hash, block]) => {
      const id =
        (await store.index('byPageHash').getKey([pageKey, hash])) ??
        (await store.add({ pageKey, hash, kind: block.kind, level: block.level, text: block.text }));
      idByHash.set(hash, id);
    }),
  );
  return hashes.map((hash) => idByHash.get(hash)!);
}

/** The versions store as any read-write transaction sees it. */
export interface VersionWriter {
  add(value: StoredVersion): Promise<number>;
}

/** Stores a version's blocks and the version itself with its block ids in full. */
export async function addFullVersion(
  blocksStore: BlockWriter,
  versionsStore: VersionWriter,
  pageKey: string,
  hash: string,
  blocks: readonly Block[],
  origin: Pick<StoredVersion, 'capturedAt' | 'source' | 'origins'>,
): Promise<{ id: number; ids: number[] }> {
  const ids = await storeBlocks(blocksStore, pageKey, blocks);
  const id = await versionsStore.add({ pageKey, hash, ...origin, blockCount: ids.length, encoding: { full: ids } });
  return { id, ids };
}

/** Turns the previous newest version into a delta against the new one. */
async function reencodeAgainst(store: VisitStore<'versions'>, previousId: number, newId: number, newIds: number[]) {
  const previous = await store.get(previousId);
  if (!previous || !('full' in previous.encoding) || previousId === newId) return;
  const ops = encodeDelta(newIds, previous.encoding.full);
  if (ops) await store.put({ ...previous, encoding: { base: newId, ops } });
}

/** Any transaction's view of the versions store. */
interface VersionReader {
  get(id: number): Promise<StoredVersion | undefined>;
}

/** A version's block ids, following its chain of deltas to the newest version. */
export async function versionBlockIds(versions: VersionReader, versionId: number): Promise<number[]> {
  const chain: StoredVersion[] = [];
  for (let id: number | undefined = versionId; id !== undefined; ) {
    const version = await versions.get(id);
    if (!version) throw new Error(`Version ${id} of a page's history is missing`);
    chain.push(version);
    id = 'base' in version.encoding ? version.encoding.base : undefined;
    if (chain.length > 100_000) throw new Error('Version history is corrupt (cycle)');
  }
  let ids = (chain.pop()!.encoding as { full: number[] }).full;
  for (let i = chain.length - 1; i >= 0; i--) ids = applyDelta(ids, (chain[i]!.encoding as { ops: number[] }).ops);
  return ids;
}

/**
 * Versions of a page as blocks (`wanted`, or all of them), by version id, in one transaction:
 * each version read once, each step of a delta chain applied once (a version's ids are its
 * newer base's, edited), each block they use read once (a new visit's pair reads its two
 * versions' blocks, not the page's), and only the packed archives that hold their old text. A
 * timeline of n versions costs O(n) work, where loading them one by one walked every chain to
 * the newest version: O(n²).
 */
export async function loadPageVersions(db: DocDeltaDB, pageKey: string, wanted?: ReadonlySet<number>): Promise<Map<number, Block[]>> {
  const tx = db.transaction(['versions', 'blocks', 'archives'], 'readonly');
  const versions = new Map((await tx.objectStore('versions').index('byPage').getAll(pageKey)).map((version) => [version.id!, version]));
  const idsOf = new Map<number, number[]>();
  const resolve = (versionId: number): number[] => {
    // Walked iteratively: a chain of thousands of deltas must not exhaust the stack.
    const pending: StoredVersion[] = [];
    for (let id: number | undefined = versionId; id !== undefined && !idsOf.has(id); ) {
      const version = versions.get(id);
      if (!version) throw new Error(`Version ${id} of a page's history is missing`);
      pending.push(version);
      id = 'base' in version.encoding ? version.encoding.base : undefined;
      if (pending.length > versions.size) throw new Error('Version history is corrupt (cycle)');
    }
    for (let i = pending.length - 1; i >= 0; i--) {
      const version = pending[i]!;
      const { encoding } = version;
      idsOf.set(version.id!, 'full' in encoding ? encoding.full : applyDelta(idsOf.get(encoding.base)!, encoding.ops));
    }
    return idsOf.get(versionId)!;
  };
  const asked = [...(wanted ?? versions.keys())];
  for (const id of asked) resolve(id);
  const byId = await readBlocks(tx, asked.flatMap((id) => idsOf.get(id)!));
  const out = new Map<number, Block[]>();
  for (const id of asked) out.set(id, idsOf.get(id)!.map((blockId) => blockOf(byId, blockId)));
  return out;
}

function blockOf(byId: ReadonlyMap<number, Block>, id: number): Block {
  const block = byId.get(id);
  if (!block) throw new Error(`Block ${id} of a stored version is missing`);
  return block;
}

/** Reads a version's blocks back, from the blocks store or, for old text, its archives. */
export async function loadVersionBlocks(db: DocDeltaDB, versionId: number): Promise<Block[]> {
  const tx = db.transaction(['versions', 'blocks', 'archives'], 'readonly');
  const ids = await versionBlockIds(tx.objectStore('versions'), versionId);
  const byId = await readBlocks(tx, ids);
  return ids.map((id) => blockOf(byId, id));
}

/**
 * The blocks `ids` name, each read once: from the blocks store, or for old text from the packed
 * archives that hold it, only those. Ends the transaction: decompressing is not IndexedDB work.
 */
async function readBlocks(tx: IDBPTransaction<DocDeltaSchema, ['versions', 'blocks', 'archives'], 'readonly'>, ids: readonly number[]): Promise<Map<number, Block>> {
  const unique = [...new Set(ids)];
  const stored = await Promise.all(unique.map((id) => tx.objectStore('blocks').get(id)));
  const byId = new Map<number, Block>();
  stored.forEach((block) => block && byId.set(block.id!, { kind: block.kind, level: block.level, text: block.text }));
  const missing = unique.filter((id) => !byId.has(id));
  const archiveIds = new Set(
    (await Promise.all(missing.map((id) => tx.objectStore('archives').index('byBlockId').getKey(id)))).filter((id) => id !== undefined),
  );
  const archives = await Promise.all([...archiveIds].map((id) => tx.objectStore('archives').get(id)));
  await tx.done;
  for (const archive of archives) if (archive) for (const [id, block] of await unpackArchive(archive)) byId.set(id, block);
  return byId;
}
