import { diffPages } from '../diff/diff-pages';
import type { DocDeltaDB } from './open-db';
import { loadVersionBlocks } from './page-history';
import type { VersionSource } from './schema';

export interface TimelineEntry {
  versionId: number;
  /** When the reader first saw this text, or when the feed published it. */
  time: number;
  source: VersionSource;
  /** The feed's label for the version, shown as text. */
  label: string | null;
  /** Also listed by the site's feed (a visit's text can be both). */
  inFeed: boolean;
  /** Words changed from the entry before it (0 for the oldest). */
  addedWords: number;
  removedWords: number;
}

/**
 * Every stored version of a page, newest first, one entry per distinct text,
 * each with the words it changed. Those counts are cached on the versions,
 * so a long timeline costs one diff per version ever, not per look.
 */
export async function pageTimeline(db: DocDeltaDB, key: string): Promise<TimelineEntry[]> {
  const versions = (await db.getAllFromIndex('versions', 'byPage', key)).sort((a, b) => b.capturedAt - a.capturedAt || b.id! - a.id!);
  const entries: TimelineEntry[] = [];
  const computed = new Map<number, { from: number; addedWords: number; removedWords: number }>();
  for (const [i, version] of versions.entries()) {
    const before = versions[i + 1];
    let change = before && version.change?.from === before.id ? version.change : undefined;
    if (before && !change) {
      const diff = diffPages(await loadVersionBlocks(db, before.id!), await loadVersionBlocks(db, version.id!));
      change = { from: before.id!, addedWords: diff.addedWords, removedWords: diff.removedWords };
      computed.set(version.id!, change);
    }
    entries.push({
      versionId: version.id!,
      time: version.capturedAt,
      source: version.source,
      label: version.feed?.label ?? null,
      inFeed: version.feed !== undefined,
      addedWords: change?.addedWords ?? 0,
      removedWords: change?.removedWords ?? 0,
    });
  }
  if (computed.size) await cacheChanges(db, computed);
  return entries;
}

/** Stores counts on the versions, each read fresh in the same transaction (encodings may have moved on). */
async function cacheChanges(db: DocDeltaDB, computed: Map<number, { from: number; addedWords: number; removedWords: number }>) {
  const tx = db.transaction('versions', 'readwrite');
  for (const [id, change] of computed) {
    const version = await tx.store.get(id);
    if (version) await tx.store.put({ ...version, change });
  }
  await tx.done;
}
