import type { DBSchema } from 'idb';
import type { BlockKind } from '../blocks';

export const DB_NAME = 'docdelta';
export const DB_VERSION = 3;

/** A block's text, stored once however many versions of its page contain it. */
export interface StoredBlock {
  id?: number;
  pageKey: string;
  /** hashText of kind, level and text; unique within a page. */
  hash: string;
  kind: BlockKind;
  level: number;
  text: string;
}

/**
 * A version's block ids. The newest version of a page is stored whole; each
 * older one as the edits that turn the next newer version into it (reverse
 * deltas, as RCS does), so a long history costs little more than one copy.
 */
export type VersionEncoding = { full: number[] } | { base: number; ops: number[] };

/** An archive that already held the page's history (lib/history/archive-sources.ts: the docs' GitHub repository, the Internet Archive). */
export type { HistorySourceKind } from '../history/archive-sources';
import type { HistorySourceKind } from '../history/archive-sources';

/** A source that publishes a page's versions for anyone to read: a remote feed or an archive. */
export type PublishedSource = 'feed' | HistorySourceKind;

/** Where a version came from: the reader's own visit, a remote feed, or an archive. */
export type VersionSource = 'visit' | PublishedSource;

/**
 * Blocks that only old versions of a page still use, packed together and
 * deflate-compressed: old text is read rarely and compresses well.
 */
export interface BlockArchive {
  id?: number;
  pageKey: string;
  /** The block ids inside, so a version can find where its old blocks went. */
  ids: number[];
  /** deflate-raw of JSON [[id, kind, level, text], …]. */
  data: Uint8Array;
}

/**
 * A published source that holds a version's text: which source, its name for the version (a
 * feed's version id, a capture's timestamp, `<sha>:<file>`), its label (a commit's subject,
 * shown as text) and the time it gives the version, which orders that source's timeline.
 */
export interface OriginTag {
  source: PublishedSource;
  id: string;
  label?: string;
  time: number;
}

export interface StoredVersion {
  id?: number;
  pageKey: string;
  /** Hash of the version's text; identical content is one version. */
  hash: string;
  capturedAt: number;
  source: VersionSource;
  /**
   * Every published source that holds this text, one tag per source: a visit's text can also
   * be in a feed and in an archive (schema v3; v2 kept a `feed` and an `archived` tag).
   */
  origins?: OriginTag[];
  blockCount: number;
  encoding: VersionEncoding;
  /** Words changed from the version before it in the page's timeline (cached; `from` says which). */
  change?: { from: number; addedWords: number; removedWords: number };
}

/** A stretch of views of one version; `mark` closes a visit ("Mark as seen"). */
export interface View {
  version: number;
  first: number;
  last: number;
  mark?: true;
  /** Seen over plain http, which anyone on the network could have written: never an https visit's baseline. */
  insecure?: true;
  /**
   * Reached by the page's own script (a URL change with no click or key of the reader's just
   * before it), not opened by the reader: such pages are the first to go when room is made.
   */
  unopened?: true;
}

export interface PageRecord {
  key: string;
  url: string;
  title: string;
  siteId: string;
  latestVersion: number;
  views: View[];
  /** Which feed was last read for this page, and when (absent: never). */
  feedChecked?: { url: string; at: number };
  /** When a followed site's source says the page came to be (the commit that added its file); absent: not known. */
  createdAt?: number;
  /** When a followed site's source says the page went (the commit that removed its file); absent: it has not. */
  removedAt?: number;
}

/** A feed configured for a site, and how its last sync went. */
export interface FeedRecord {
  siteId: string;
  url: string;
  lastSync: number | null;
  /** The last sync's error in plain words, or null when it worked. */
  error: string | null;
}

/** The last good copy of a feed file, for conditional requests and offline use. */
export interface FeedFileRecord {
  url: string;
  bytes: Uint8Array;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: number;
}

/** A reader's setting (v2): per-site highlight choice and the like; see lib/store/settings.ts. */
export interface SettingRecord {
  key: string;
  value: unknown;
}

export interface DocDeltaSchema extends DBSchema {
  blocks: { key: number; value: StoredBlock; indexes: { byPageHash: [string, string] } };
  archives: { key: number; value: BlockArchive; indexes: { byBlockId: number; byPage: string } };
  versions: { key: number; value: StoredVersion; indexes: { byPage: string; byPageHash: [string, string] } };
  pages: { key: string; value: PageRecord };
  feeds: { key: string; value: FeedRecord };
  feedFiles: { key: string; value: FeedFileRecord };
  settings: { key: string; value: SettingRecord };
}
