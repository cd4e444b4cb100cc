import * as v from 'valibot';

/**
 * The feed format, version 1 (docs/feed-format.md). Three kinds of static JSON
 * file (site index, page shard, version list) plus the version content files
 * they point to. These schemas are the validator the extension runs before
 * storing anything, and the source of the published JSON Schemas.
 */
export const FEED_FORMAT_VERSION = 1;

/** Documented size caps, enforced while a file streams in. */
export const FEED_LIMITS = {
  indexBytes: 64 * 1024,
  shardBytes: 2 * 1024 * 1024,
  versionListBytes: 1024 * 1024,
  contentBytes: 5 * 1024 * 1024,
  pagesPerShard: 10_000,
  versionsPerList: 1_000,
  deltaOps: 100_000,
  /** A delta's base is at most this many deltas away from a whole version. */
  deltaChain: 64,
} as const;

const Timestamp = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'must be an ISO 8601 UTC timestamp like 2026-03-01T18:59:26Z'),
  v.check((value) => !Number.isNaN(Date.parse(value)), 'must be a real date'),
  v.description('ISO 8601 timestamp in UTC'),
);

/** A URL, usually relative to the file it appears in; resolved and checked by feed-urls.ts. */
const FileUrl = v.pipe(v.string(), v.minLength(1), v.maxLength(2048), v.description('URL relative to this file (or absolute, inside the feed)'));

const PlainText = (max: number) => v.pipe(v.string(), v.maxLength(max), v.description('plain text, shown as text'));

export const FeedIndexSchema = v.strictObject({
  format: v.literal('docdelta-feed'),
  version: v.literal(FEED_FORMAT_VERSION),
  title: PlainText(200),
  site: v.pipe(v.string(), v.url(), v.maxLength(2048), v.description('origin of the documented site, e.g. https://docs.example.com/')),
  generated: Timestamp,
  pageShards: v.strictObject({
    hexDigits: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3), v.description('shard = first hexDigits hex chars of sha256(page key); "all" when 0')),
    url: v.pipe(FileUrl, v.includes('{shard}', 'must contain {shard}')),
  }),
});

export const PageEntrySchema = v.strictObject({
  key: v.pipe(v.string(), v.minLength(1), v.maxLength(2048), v.description('DocDelta page key: host + path (+ sorted query parameters the site rule keeps), no scheme, no trailing slash')),
  url: v.pipe(v.string(), v.url(), v.maxLength(2048), v.regex(/^https?:\/\//i, 'must be an http(s) address')),
  title: v.optional(PlainText(500)),
  versions: FileUrl,
  latest: Timestamp,
  count: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

export const PageShardSchema = v.strictObject({
  format: v.literal('docdelta-feed-pages'),
  version: v.literal(FEED_FORMAT_VERSION),
  pages: v.pipe(
    v.array(PageEntrySchema),
    v.maxLength(FEED_LIMITS.pagesPerShard),
    v.check((pages) => new Set(pages.map((p) => p.key)).size === pages.length, 'page keys must be unique'),
  ),
});

const VersionId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1-100 of A-Z a-z 0-9 . _ : -'));
const ByteCount = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(FEED_LIMITS.contentBytes));

export const VersionEntrySchema = v.pipe(
  v.strictObject({
    id: VersionId,
    time: Timestamp,
    type: v.picklist(['markdown', 'html', 'text']),
    sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'), v.description('of the content (after applying a delta)')),
    bytes: v.pipe(ByteCount, v.description('size of the content (after applying a delta)')),
    /** The whole content. */
    url: v.optional(FileUrl),
    /** Or: the content as line edits to a newer version in the same list. */
    delta: v.optional(
      v.strictObject({
        from: v.pipe(VersionId, v.description('id of a newer version earlier in the same list')),
        url: FileUrl,
        bytes: v.pipe(ByteCount, v.description('size of the delta file')),
      }),
    ),
    label: v.optional(PlainText(500)),
  }),
  v.check((entry) => (entry.url === undefined) !== (entry.delta === undefined), 'must have either url or delta'),
);

/** A delta file: the older text as edits to the newer one's lines (see docs/feed-format.md). */
export const DeltaFileSchema = v.strictObject({
  format: v.literal('docdelta-feed-delta'),
  version: v.literal(FEED_FORMAT_VERSION),
  ops: v.pipe(
    v.array(
      v.union([
        v.strictTuple([v.pipe(v.number(), v.integer(), v.minValue(0)), v.pipe(v.number(), v.integer(), v.minValue(0))]),
        v.strictTuple([v.pipe(v.number(), v.integer(), v.minValue(0)), v.pipe(v.number(), v.integer(), v.minValue(0)), v.pipe(v.string(), v.maxLength(FEED_LIMITS.contentBytes))]),
      ]),
    ),
    v.maxLength(FEED_LIMITS.deltaOps),
  ),
});

export const VersionListSchema = v.strictObject({
  format: v.literal('docdelta-feed-versions'),
  version: v.literal(FEED_FORMAT_VERSION),
  page: v.pipe(v.string(), v.minLength(1), v.maxLength(2048)),
  versions: v.pipe(
    v.array(VersionEntrySchema),
    v.minLength(1),
    v.maxLength(FEED_LIMITS.versionsPerList),
    v.check((list) => new Set(list.map((x) => x.id)).size === list.length, 'version ids must be unique'),
    v.check((list) => list.every((x, i) => i === 0 || Date.parse(list[i - 1]!.time) >= Date.parse(x.time)), 'versions must be newest first'),
    v.check((list) => deltaChainsValid(list), `a delta must start from a version earlier in the list, at most ${FEED_LIMITS.deltaChain} deltas from a whole one`),
  ),
  older: v.nullable(FileUrl),
});

/** Each delta's base is earlier in the list (so no cycles) and chains stay short. */
function deltaChainsValid(list: readonly { id: string; delta?: { from: string } }[]): boolean {
  const depth = new Map<string, number>();
  for (const entry of list) {
    const base = entry.delta ? depth.get(entry.delta.from) : -1;
    if (base === undefined || base + 1 > FEED_LIMITS.deltaChain) return false;
    depth.set(entry.id, base + 1);
  }
  return true;
}

export type DeltaFile = v.InferOutput<typeof DeltaFileSchema>;
export type FeedIndex = v.InferOutput<typeof FeedIndexSchema>;
export type PageShard = v.InferOutput<typeof PageShardSchema>;
export type PageEntry = v.InferOutput<typeof PageEntrySchema>;
export type VersionList = v.InferOutput<typeof VersionListSchema>;
export type VersionEntry = v.InferOutput<typeof VersionEntrySchema>;
