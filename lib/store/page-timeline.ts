import { diffPages } from '../diff/diff-pages';
import { type DocDeltaDB, versionWriteCount, writeTransaction } from './open-db';
import { loadPageVersions } from './page-history';
import type { StoredVersion, VersionSource } from './schema';
import { originIn, originLabel } from './version-origins';

export interface TimelineEntry {
  versionId: number;
  /** When the reader first saw this text, or when a feed or an archive says it was published. */
  time: number;
  source: VersionSource;
  /** The feed's label or the commit's subject line for the version, shown as text. */
  label: string | null;
  /** Also listed by the site's feed (a visit's text can be both). */
  inFeed: boolean;
  /** Words changed from the entry before it (0 for the oldest). */
  addedWords: number;
  removedWords: number;
}

/** Timelines already listed, per connection; each holds while no write touched `versions`. */
const listed = new WeakMap<DocDeltaDB, Map<string, { writes: number; entries: readonly TimelineEntry[] }>>();
/** Pages kept per connection: the tabs a reader has open, give or take. */
const KEPT_TIMELINES = 32;

/**
 * Every stored version of a page, newest first, one entry per distinct text,
 * each with the words it changed. Those counts are cached on the versions,
 * so a long timeline costs one diff per version ever, not per look; and the
 * list itself is kept until the next write, so the popup gets it without
 * reading the database.
 */
export async function pageTimeline(db: DocDeltaDB, key: string): Promise<readonly TimelineEntry[]> {
  const kept = listed.get(db) ?? new Map();
  listed.set(db, kept);
  const writes = versionWriteCount(db);
  const hit = kept.get(key);
  if (hit?.writes === writes) return hit.entries;
  const { entries, computed } = await readTimeline(db, key);
  let stamp = writes;
  if (computed.size) {
    // Counting writes too; when no other write came in between, what was read still holds after it.
    const writesBefore = versionWriteCount(db);
    const done = cacheChanges(db, computed);
    if (writesBefore === writes) stamp = versionWriteCount(db);
    await done;
  }
  kept.delete(key);
  kept.set(key, { writes: stamp, entries });
  // Oldest listed first out.
  if (kept.size > KEPT_TIMELINES) kept.delete(kept.keys().next().value!);
  return entries;
}

type Change = NonNullable<StoredVersion['change']>;

async function readTimeline(db: DocDeltaDB, key: string): Promise<{ entries: TimelineEntry[]; computed: Map<number, Change> }> {
  const versions = (await db.getAllFromIndex('versions', 'byPage', key)).sort((a, b) => b.capturedAt - a.capturedAt || b.id! - a.id!);
  const entries: TimelineEntry[] = [];
  const computed = new Map<number, Change>();
  // The versions whose counts are missing, and those before them (a new visit: two; a fresh import: all), read once, together.
  const wanted = new Set(versions.flatMap((version, i) => {
    const before = versions[i + 1];
    return before && version.change?.from !== before.id ? [version.id!, before.id!] : [];
  }));
  const texts = wanted.size ? await loadPageVersions(db, key, wanted) : null;
  for (const [i, version] of versions.entries()) {
    const before = versions[i + 1];
    let change = before && version.change?.from === before.id ? version.change : undefined;
    if (before && !change) {
      const diff = diffPages(texts!.get(before.id!)!, texts!.get(version.id!)!);
      change = { from: before.id!, addedWords: diff.addedWords, removedWords: diff.removedWords };
      computed.set(version.id!, change);
    }
    entries.push({
      versionId: version.id!,
      time: version.capturedAt,
      source: version.source,
      label: originLabel(version),
      inFeed: originIn(version, 'feed') !== undefined,
      addedWords: change?.addedWords ?? 0,
      removedWords: change?.removedWords ?? 0,
    });
  }
  return { entries, computed };
}

/** Stores counts on the versions, each read fresh in the same transaction (encodings may have moved on). */
async function cacheChanges(db: DocDeltaDB, computed: Map<number, Change>) {
  const tx = writeTransaction(db, ['versions']);
  for (const [id, change] of computed) {
    const version = await tx.store.get(id);
    if (version) await tx.store.put({ ...version, change });
  }
  await tx.done;
}
