import { readCapped } from '../net/read-capped';
import { formatClock } from '../format-time';
import { rateLimited } from './github';
import { ClickDeadlineError, HistoryError } from './history-error';
import type { RequestBudget } from './request-budget';
import { retryAfter } from './retry-after';
import { contentValidator } from '../net/content-validator';

/** The last good copy of an answer, kept to ask again conditionally when its validator is its own hash (a 304 sends no body again). */
export interface CachedAnswer {
  url: string;
  bytes: Uint8Array;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: number;
}

export interface AnswerCache {
  get(url: string): Promise<CachedAnswer | undefined>;
  keep(answer: CachedAnswer): Promise<void>;
}

export interface ArchiveHost {
  /** The host's name as the reader knows it: "The Internet Archive", "GitHub". */
  name: string;
  budget: RequestBudget;
  /** Where listings are kept between requests (the background's feed-file cache); none: every request is whole. */
  cache?: AnswerCache;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  /**
   * When the reader's click must be answered by (ms since the epoch): each request waits at
   * most what is left, and none starts after it. A slow host then holds one click for this
   * long, not 20 s for every capture.
   */
  deadline?: number;
}

export type ArchiveAnswer = { status: 200; bytes: Uint8Array; etag: string | null; lastModified: string | null } | { status: 304 } | { status: 404 } | { status: 'redirect' };

/**
 * One request to an archive, as a good citizen of a free service makes it: counted against the
 * host's hourly budget, without cookies, never following a redirect, with a timeout, the body
 * capped while it streams. A 429 or 503 pauses every request to the host until its Retry-After;
 * GitHub's spent rate limit until its reset. Never retried here: the reader asks again.
 */
export async function askArchive(url: string, maxBytes: number, host: ArchiveHost, cached?: { etag: string }): Promise<ArchiveAnswer> {
  const now = host.now ?? Date.now;
  const hostname = new URL(url).hostname;
  const left = host.deadline === undefined ? Infinity : host.deadline - now();
  if (left <= 0) throw tooSlow(host);
  await host.budget.take(hostname, host.name);
  const controller = new AbortController();
  const timeoutMs = Math.min(host.timeoutMs ?? 20_000, left);
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      const headers: Record<string, string> = {};
      if (cached) headers['If-None-Match'] = cached.etag;
      // 'no-store': the browser's own cache would otherwise send back whatever tag the host gave
      // (If-None-Match, If-Modified-Since), which this function only does for a content hash.
      response = await (host.fetch ?? fetch)(url, { credentials: 'omit', redirect: 'manual', signal: controller.signal, headers, cache: 'no-store' });
    } catch {
      if (controller.signal.aborted && timeoutMs === left) throw tooSlow(host);
      throw new HistoryError(controller.signal.aborted ? `${host.name} did not answer within ${timeoutMs / 1000} s; try again later.` : `${host.name} could not be reached; check the connection and try again.`);
    }
    const limited = rateLimited(response.status, response.headers, now());
    if (limited) {
      await host.budget.pause(hostname, limited.retryAt!);
      await response.body?.cancel();
      throw limited;
    }
    if (response.status === 429 || response.status === 503) {
      const until = retryAfter(response.headers.get('retry-after'), now()) ?? now() + 60_000;
      await host.budget.pause(hostname, until);
      await response.body?.cancel();
      throw new HistoryError(`${host.name} is busy; try again after ${formatClock(until)}.`, until);
    }
    if (response.status === 304 && cached) {
      await response.body?.cancel();
      return { status: 304 };
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      await response.body?.cancel();
      return { status: 'redirect' };
    }
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel();
      return { status: 404 };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new HistoryError(`${host.name} answered ${response.status}; try again later.`);
    }
    const bytes = await readCapped(response, maxBytes, () => new HistoryError(`${host.name} sent more than ${Math.round(maxBytes / 1024)} KB where a page's history or one version was expected; nothing was stored.`));
    return { status: 200, bytes, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
  } catch (error) {
    if (error instanceof HistoryError) throw error;
    if (controller.signal.aborted && timeoutMs === left) throw tooSlow(host);
    throw new HistoryError(controller.signal.aborted ? `${host.name} did not answer within ${timeoutMs / 1000} s; try again later.` : `${host.name}'s answer broke off; try again later.`);
  } finally {
    clearTimeout(timer);
  }
}

/** The click's deadline passed: what came is kept, the rest is for the reader's next click. */
const tooSlow = (host: ArchiveHost) => new ClickDeadlineError(`${host.name} was too slow to give everything in one go; ask again for the rest.`);

/**
 * A listing asked for conditionally when a copy of it is kept: a 304 answers with the kept
 * copy; a new answer is parsed first and kept only when it reads (a bad answer never replaces
 * a good copy). `read` turns the bytes into what the caller needs, throwing on what it refuses.
 */
export async function askListing<T>(url: string, maxBytes: number, host: ArchiveHost, read: (bytes: Uint8Array) => T): Promise<{ status: 200; value: T } | { status: 404 | 'redirect' }> {
  const now = host.now ?? Date.now;
  const kept = await host.cache?.get(url);
  // Asked conditionally only with a validator that is the kept copy's own hash (content-validator.ts).
  const etag = kept ? await contentValidator(kept) : null;
  const answer = await askArchive(url, maxBytes, host, etag ? { etag } : undefined);
  if (answer.status === 304) {
    await host.cache?.keep({ ...kept!, fetchedAt: now() });
    return { status: 200, value: read(kept!.bytes) };
  }
  if (answer.status !== 200) return answer;
  const value = read(answer.bytes);
  await host.cache?.keep({ url, bytes: answer.bytes, etag: answer.etag, lastModified: answer.lastModified, fetchedAt: now() });
  return { status: 200, value };
}
