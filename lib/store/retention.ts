import * as v from 'valibot';
import { RetentionSchema } from './settings-schema';
import { chooseBaseline } from '../baseline';
import { type DocDeltaDB, writeTransaction } from './open-db';
import { packArchive, unpackArchive } from './block-archive';
import { versionBlockIds } from './page-history';
import type { StoredBlock } from './schema';

export interface Retention {
  /** Most versions kept per page (the newest). */
  maxVersions: number;
  /** Versions older than this many days are dropped; 0 keeps them forever. */
  maxAgeDays: number;
  /** The most DocDelta stores in all, in MB (least recently viewed pages go first); 0 leaves it to the browser. */
  maxStorageMB: number;
}

export const DEFAULT_RETENTION: Retention = { maxVersions: 200, maxAgeDays: 0, maxStorageMB: 500 };
const DAY = 24 * 3600e3;

/** The stored limits, or the defaults when what is stored is not a valid setting (never a negative limit). */
export async function loadRetention(db: DocDeltaDB): Promise<Retention> {
  const stored = (await db.get('settings', 'retention'))?.value;
  if (typeof stored !== 'string') return DEFAULT_RETENTION;
  try {
    const parsed = v.safeParse(RetentionSchema, { ...DEFAULT_RETENTION, ...(JSON.parse(stored) as object) });
    return parsed.success ? parsed.output : DEFAULT_RETENTION;
  } catch {
    return DEFAULT_RETENTION;
  }
}

export async function saveRetention(db: DocDeltaDB, retention: Retention): Promise<void> {
  await db.put('settings', { key: 'retention', value: JSON.stringify(retention) });
}

/**
 * Drops a page's versions beyond the reader's retention rules, oldest first,
 * never the page's current version nor the one it is compared with. A version
 * another one is stored against is written out in full first, and text no
 * remaining version uses goes too. One transaction: all of it or nothing.
 */
export async function applyRetention(db: DocDeltaDB, pageKey: string, retention: Retention, now: number): Promise<number> {
  const tx = writeTransaction(db, ['pages', 'versions', 'blocks']);
  const versions = tx.objectStore('versions');
  const page = await tx.objectStore('pages').get(pageKey);
  const all = (await versions.index('byPage').getAll(pageKey)).sort((a, b) => b.capturedAt - a.capturedAt);
  const protectedIds = new Set([page?.latestVersion, page ? chooseBaseline(page.views) : null]);
  const doomed = all.filter((version, i) => {
    if (protectedIds.has(version.id)) return false;
    const tooMany = i >= retention.maxVersions;
    const tooOld = retention.maxAgeDays > 0 && now - version.capturedAt > retention.maxAgeDays * DAY;
    return tooMany || tooOld;
  });
  if (doomed.length === 0) {
    await tx.done;
    return 0;
  }
  const doomedIds = new Set(doomed.map((version) => version.id!));
  const kept = all.filter((version) => !doomedIds.has(version.id!));
  // A kept version stored as edits against a doomed one is written out in full.
  for (const version of kept) {
    if ('base' in version.encoding && doomedIds.has(version.encoding.base)) {
      await versions.put({ ...version, encoding: { full: await versionBlockIds(versions, version.id!) } });
    }
  }
  const stillUsed = new Set<number>();
  for (const version of kept) for (const id of await versionBlockIds(versions, version.id!)) stillUsed.add(id);
  for (const version of doomed) {
    for (const id of await versionBlockIds(versions, version.id!)) if (!stillUsed.has(id)) await tx.objectStore('blocks').delete(id);
  }
  for (const id of doomedIds) await versions.delete(id);
  if (page) await tx.objectStore('pages').put({ ...page, views: page.views.filter((view) => !doomedIds.has(view.version)) });
  await tx.done;
  await repackArchives(db, pageKey, stillUsed);
  return doomed.length;
}

/**
 * Packed text is rewritten without what no version uses any more.
 * Decompressing cannot happen inside a transaction, so each swap checks
 * the archive is still the one that was read.
 */
async function repackArchives(db: DocDeltaDB, pageKey: string, used: ReadonlySet<number>): Promise<void> {
  for (const archive of await db.getAllFromIndex('archives', 'byPage', pageKey)) {
    if (archive.ids.every((id) => used.has(id))) continue;
    const kept = [...(await unpackArchive(archive))]
      .filter(([id]) => used.has(id))
      .map(([id, block]): StoredBlock => ({ id, pageKey, hash: '', ...block }));
    const replacement = kept.length ? await packArchive(pageKey, kept) : null;
    const tx = writeTransaction(db, ['archives']);
    if (await tx.store.get(archive.id!)) {
      await tx.store.delete(archive.id!);
      if (replacement) await tx.store.add(replacement);
    }
    await tx.done;
  }
}
