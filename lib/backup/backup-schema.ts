import * as v from 'valibot';
import { ARCHIVE_KINDS } from '../history/archive-sources';

/**
 * The export file (Options → Export): every page with its versions as text,
 * the feeds and the settings. Versions carry indexes into their page's block
 * table, so a long history stays small; an import checks every index.
 */
export const BACKUP_FORMAT_VERSION = 2;
/** Format 1 (before schema v3) kept a version's sources as a `feed` and an `archived` tag; it still imports. */
const READABLE_FORMATS = [1, BACKUP_FORMAT_VERSION] as const;

export const BACKUP_LIMITS = {
  pages: 100_000,
  versionsPerPage: 10_000,
  blocksPerPage: 1_000_000,
  textChars: 100_000,
  views: 200,
  /** Text one version may expand to, and a whole import (blocks are shared by index). */
  versionChars: 5_000_000,
  importChars: 500_000_000,
} as const;

const Time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const Index = v.pipe(v.number(), v.integer(), v.minValue(0));
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));

const BlockSchema = v.strictTuple([
  v.picklist(['heading', 'paragraph', 'list-item', 'code', 'table-cell']),
  v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6)),
  v.pipe(Text(BACKUP_LIMITS.textChars), v.minLength(1)),
]);

const VersionSchema = v.strictObject({
  capturedAt: Time,
  source: v.picklist(['visit', 'feed', ...ARCHIVE_KINDS]),
  origins: v.optional(v.pipe(
    v.array(v.strictObject({ source: v.picklist(['feed', ...ARCHIVE_KINDS]), id: Text(300), label: v.optional(Text(500)), time: Time })),
    v.check((tags) => new Set(tags.map((tag) => tag.source)).size === tags.length, 'a version has one tag per source'),
  )),
  /** Format 1. */
  feed: v.optional(v.strictObject({ id: Text(200), label: v.optional(Text(500)), time: Time })),
  /** Format 1. */
  archived: v.optional(v.strictObject({ source: v.picklist(ARCHIVE_KINDS), id: Text(300), label: v.optional(Text(500)), time: Time })),
  blocks: v.pipe(v.array(Index), v.maxLength(BACKUP_LIMITS.blocksPerPage)),
});

const ViewSchema = v.strictObject({ version: Index, first: Time, last: Time, mark: v.optional(v.literal(true)), insecure: v.optional(v.literal(true)) });

const PageSchema = v.strictObject({
  key: Text(4096),
  url: v.pipe(Text(8192), v.url()),
  title: Text(500),
  siteId: Text(100),
  blocks: v.pipe(v.array(BlockSchema), v.maxLength(BACKUP_LIMITS.blocksPerPage)),
  versions: v.pipe(v.array(VersionSchema), v.minLength(1), v.maxLength(BACKUP_LIMITS.versionsPerPage)),
  views: v.pipe(v.array(ViewSchema), v.maxLength(BACKUP_LIMITS.views)),
});

export const BackupSchema = v.pipe(
  v.strictObject({
    format: v.literal('docdelta-backup'),
    version: v.picklist(READABLE_FORMATS),
    exportedAt: Time,
    pages: v.pipe(v.array(PageSchema), v.maxLength(BACKUP_LIMITS.pages)),
    feeds: v.array(v.strictObject({ siteId: Text(100), url: v.pipe(Text(2048), v.url()) })),
    settings: v.array(v.strictObject({ key: Text(200), value: v.union([v.boolean(), v.number(), v.string()]) })),
  }),
  v.check(
    (backup) => backup.pages.every((page) => page.versions.every((version) => (backup.version === 1 ? !version.origins : !version.feed && !version.archived))),
    'a version names its sources the way its format does (format 1: feed and archived; later: origins)',
  ),
);

export type Backup = v.InferOutput<typeof BackupSchema>;
export type BackupPage = Backup['pages'][number];
