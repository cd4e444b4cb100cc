import { packArchive } from './block-archive';
import { type DocDeltaDB, writeTransaction } from './open-db';
import { versionBlockIds } from './page-history';

/** Plain text of retired blocks worth packing: small amounts compress poorly. */
export const MIN_ARCHIVE_CHARS = 8 * 1024;

/**
 * Packs a page's retired blocks (used only by old versions, not the newest)
 * into a compressed archive, so a long history costs little beyond its
 * newest version. Reading and compressing happen outside any transaction;
 * the swap (add archive, delete blocks) is one transaction that first checks
 * the page did not move on meanwhile. Safe to run again at any time.
 */
export async function compactHistory(db: DocDeltaDB, pageKey: string, minChars = MIN_ARCHIVE_CHARS): Promise<boolean> {
  const read = db.transaction(['pages', 'versions', 'blocks'], 'readonly');
  const page = await read.objectStore('pages').get(pageKey);
  if (!page) return false;
  const versions = read.objectStore('versions');
  const versionIds = await versions.index('byPage').getAllKeys(pageKey);
  const live = new Set(await versionBlockIds(versions, page.latestVersion));
  const retired = new Set<number>();
  for (const id of versionIds) {
    if (id === page.latestVersion) continue;
    for (const blockId of await versionBlockIds(versions, id)) if (!live.has(blockId)) retired.add(blockId);
  }
  const plain = (await Promise.all([...retired].map((id) => read.objectStore('blocks').get(id)))).filter((b) => b !== undefined);
  await read.done;
  if (plain.reduce((n, block) => n + block.text.length, 0) < minChars) return false;

  const archive = await packArchive(pageKey, plain);

  const write = writeTransaction(db, ['pages', 'blocks', 'archives']);
  const now = await write.objectStore('pages').get(pageKey);
  if (now?.latestVersion !== page.latestVersion) {
    write.abort();
    await write.done.catch(() => undefined);
    return false;
  }
  await write.objectStore('archives').add(archive);
  await Promise.all(plain.map((block) => write.objectStore('blocks').delete(block.id!)));
  await write.done;
  return true;
}
