import * as v from 'valibot';

/**
 * A site the reader follows, as stored (`follow:<siteId>` in settings, a JSON string so that a
 * backup carries it like any setting). Each source keeps its own schedule and where it got to:
 * a worker the browser stopped, or a browser restarted, resumes from here.
 */
const Time = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const Commit = v.strictObject({ sha: v.pipe(v.string(), v.regex(/^[0-9a-f]{40}$/)), time: Time });

export const SourceStateSchema = v.strictObject({
  /** Not asked before this (ms since the epoch): the source's interval, a backoff, or a host's Retry-After. */
  nextAt: Time,
  lastCheck: v.nullable(Time),
  /** Failures in a row: each doubles the wait (up to a day). */
  failures: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(1000)),
  error: v.nullable(v.pipe(v.string(), v.maxLength(500))),
  /** Requests sent by this source's checks, per UTC day (the last few days), for the reader and the bench. */
  requests: v.pipe(v.array(v.strictObject({ day: v.pipe(v.number(), v.safeInteger()), count: v.pipe(v.number(), v.safeInteger(), v.minValue(0)) })), v.maxLength(8)),
  /** GitHub: the window's start (7 days before following), the newest commit read, and the commits read at its second. */
  since: v.optional(v.pipe(v.number(), v.safeInteger())),
  head: v.optional(v.nullable(Commit)),
  atHead: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(/^[0-9a-f]{40}$/))), v.maxLength(100))),
  /** Internet Archive: captures up to this time were listed and read. */
  listedTo: v.optional(Time),
  /** Feed: the index's `generated` when every page it listed as changed was read. */
  generated: v.optional(v.pipe(v.string(), v.maxLength(40))),
});

export const FollowSchema = v.strictObject({
  siteId: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  followedAt: Time,
  /** The reader last looked at the site's changes: "since I last looked" starts here. */
  seenAt: Time,
  sources: v.strictObject({ github: v.optional(SourceStateSchema), feed: v.optional(SourceStateSchema), archive: v.optional(SourceStateSchema) }),
  /** The reader asked to be told (a browser notification) when pages change; when they last were. */
  notify: v.optional(v.boolean()),
  notifiedAt: v.optional(Time),
});

export type Follow = v.InferOutput<typeof FollowSchema>;
export type SourceState = v.InferOutput<typeof SourceStateSchema>;
export type FollowSourceKind = keyof Follow['sources'];

export const FOLLOW_PREFIX = 'follow:';

/** A stored value as a Follow of `siteId`, or null when it is not one (a broken value is not followed). */
export function readFollow(siteId: string, value: unknown): Follow | null {
  if (typeof value !== 'string' || value.length > 100_000) return null;
  try {
    const parsed = v.safeParse(FollowSchema, JSON.parse(value));
    return parsed.success && parsed.output.siteId === siteId ? parsed.output : null;
  } catch {
    return null;
  }
}
