import * as v from 'valibot';
import { formatClock } from '../format-time';
import type { GithubSource } from '../sites/github-source';
import { HistoryError } from './history-error';
import { GITHUB_API_ORIGIN, GITHUB_NAME, GITHUB_RAW_ORIGIN } from './archive-sources';

/**
 * A docs site's source repository on GitHub as a history source's wire format: the commits API
 * lists the commits that touched one file (newest first), and raw.githubusercontent.com serves
 * the file as it was at each. Pure: it builds addresses and reads answers.
 */
export const GITHUB_LIMITS = {
  /** A page of 100 commits is ~400 KB of JSON; a listing far beyond it is not one. */
  listBytes: 2 * 1024 * 1024,
  /** The API's own page size cap. */
  perPage: 100,
  sourceBytes: 5 * 1024 * 1024,
} as const;

/** One commit that changed the page's source file. */
export interface SourceCommit {
  sha: string;
  /** When it was committed (the committer's date: when it reached the branch), ms since the epoch. */
  time: number;
  /** The first line of its message, shown beside the version. */
  subject: string;
}

/** The newest `perPage` commits that touched `file` (or a folder) on the site's branch, all before `until` and after `since` (ms) when given. */
export function commitsUrl(source: Pick<GithubSource, 'repo' | 'branch'>, file: string, options: { perPage: number; until?: number; since?: number }): string {
  const query = new URLSearchParams({ path: file, sha: source.branch, per_page: String(Math.min(options.perPage, GITHUB_LIMITS.perPage)) });
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (options.since !== undefined) query.set('since', iso(options.since));
  if (options.until !== undefined) query.set('until', iso(options.until));
  return `${GITHUB_API_ORIGIN}/repos/${source.repo}/commits?${query}`;
}

/** The file as it was at one commit. */
export function rawFileUrl(source: Pick<GithubSource, 'repo'>, sha: string, file: string): string {
  return `${GITHUB_RAW_ORIGIN}/${source.repo}/${sha}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

const Commit = v.object({
  sha: v.pipe(v.string(), v.regex(/^[0-9a-f]{40}$/)),
  commit: v.object({
    committer: v.object({ date: v.pipe(v.string(), v.isoTimestamp()) }),
    message: v.pipe(v.string(), v.maxLength(100_000)),
  }),
});

/** A commits answer, checked whole before anything is used: one unreadable commit refuses it. */
export function parseCommitsAnswer(text: string): SourceCommit[] {
  if (text.length > GITHUB_LIMITS.listBytes) throw unreadable('the answer is far larger than a page of commits');
  const value = apiJson(text, unreadable);
  if (!Array.isArray(value)) throw unreadable('the answer is not a list');
  if (value.length > GITHUB_LIMITS.perPage) throw unreadable(`the answer lists more than ${GITHUB_LIMITS.perPage} commits`);
  return value.map((item, index) => {
    const result = v.safeParse(Commit, item);
    if (!result.success) throw unreadable(`commit ${index + 1} is not one`);
    const { sha, commit } = result.output;
    return { sha, time: Date.parse(commit.committer.date), subject: commit.message.split('\n', 1)[0]!.slice(0, 200) };
  });
}

/**
 * The refusal of a rate-limited answer (403 or 429 with `x-ratelimit-remaining: 0`, the reset
 * time in `x-ratelimit-reset`, epoch seconds), in the reader's words; null for any other answer.
 */
export function rateLimited(status: number, headers: { get(name: string): string | null }, now: number): HistoryError | null {
  // Other 403s (a private repository) and 429s (Retry-After's business) are other answers.
  if ((status !== 403 && status !== 429) || headers.get('x-ratelimit-remaining') !== '0') return null;
  const reset = Number(headers.get('x-ratelimit-reset'));
  const until = Number.isSafeInteger(reset) && reset * 1000 > now ? Math.min(reset * 1000, now + 24 * 3600_000) : now + 3600_000;
  return new HistoryError(`${GITHUB_NAME}'s hourly limit is reached; try after ${formatClock(until)}.`, until);
}

/** An API answer's JSON, or the caller's refusal naming why (`fail`) when it is none. */
export function apiJson(text: string, fail: (why: string) => HistoryError): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw fail('the answer is not the JSON the API sends');
  }
}

function unreadable(why: string): HistoryError {
  return new HistoryError(`${GITHUB_NAME}'s list of commits could not be read (${why}); nothing was stored.`);
}
