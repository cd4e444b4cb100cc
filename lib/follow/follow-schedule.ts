import type { FollowSourceKind, SourceState } from './follow-record';

const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Following begins with the week before it: "last 7 days" is filled at once. */
export const FOLLOW_WINDOW_MS = 7 * DAY_MS;

/**
 * How often each source of a followed site is asked. A feed is the site's own static files: its
 * index at most hourly. GitHub is a shared API with 60 unauthenticated requests an hour: its
 * docs folder's commits four times a day, so twenty followed sites ask it 80 times a day. The
 * Internet Archive, only where the reader turned it on for a site: once a day.
 */
export const FOLLOW_INTERVAL_MS: Record<FollowSourceKind, number> = { feed: HOUR_MS, github: 6 * HOUR_MS, archive: DAY_MS };

/** A source that keeps failing is asked at most once a day. */
const MAX_BACKOFF_MS = DAY_MS;

export function newSourceState(now: number): SourceState {
  return { nextAt: now, lastCheck: null, failures: 0, error: null, requests: [] };
}

export const isDue = (state: SourceState, now: number): boolean => now >= state.nextAt;

/** The state after a check that sent `requests` requests and succeeded, or failed (`error`, with when the host said to come back). */
export function afterCheck(kind: FollowSourceKind, state: SourceState, now: number, requests: number, error: { message: string; retryAt: number | null } | null): SourceState {
  const counted = countRequests(state.requests, now, requests);
  if (!error) return { ...state, nextAt: now + FOLLOW_INTERVAL_MS[kind], lastCheck: now, failures: 0, error: null, requests: counted };
  // Asked to wait (the hour's budget is spent, a host's Retry-After, GitHub's reset): a pause
  // until then, not a failure to back off from; what the check read is kept, it goes on after.
  if (error.retryAt !== null && error.retryAt > now) return { ...state, nextAt: error.retryAt, lastCheck: now, error: error.message.slice(0, 500), requests: counted };
  const failures = state.failures + 1;
  const wait = Math.min(FOLLOW_INTERVAL_MS[kind] * 2 ** Math.min(failures, 20), MAX_BACKOFF_MS);
  return { ...state, nextAt: Math.max(now + wait, error.retryAt ?? 0), lastCheck: now, failures, error: error.message.slice(0, 500), requests: counted };
}

/** Requests per UTC day, the last eight days kept. */
function countRequests(days: SourceState['requests'], now: number, requests: number): SourceState['requests'] {
  const today = Math.floor(now / DAY_MS);
  const kept = days.filter((entry) => entry.day > today - 8 && entry.day !== today);
  const count = (days.find((entry) => entry.day === today)?.count ?? 0) + requests;
  return [...kept, { day: today, count }].sort((a, b) => a.day - b.day);
}
