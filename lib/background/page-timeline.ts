import type { DocDeltaDB } from '../store/open-db';
import type { VersionSource } from '../store/schema';

export interface TimelineEntry {
  versionId: number;
  /** When the reader first saw this text, or when the feed published it. */
  time: number;
  source: VersionSource;
  /** The feed's label for the version, shown as text. */
  label: string | null;
  /** Also listed by the site's feed (a visit's text can be both). */
  inFeed: boolean;
}

/** Every stored version of a page, newest first: one entry per distinct text. */
export async function pageTimeline(db: DocDeltaDB, key: string): Promise<TimelineEntry[]> {
  const versions = await db.getAllFromIndex('versions', 'byPage', key);
  return versions
    .map((version) => ({
      versionId: version.id!,
      time: version.capturedAt,
      source: version.source,
      label: version.feed?.label ?? null,
      inFeed: version.feed !== undefined,
    }))
    .sort((a, b) => b.time - a.time || b.versionId - a.versionId);
}
