import { FeedError } from './feed-error';
import { readCapped } from '../net/read-capped';

/** What DocDelta may send back to ask for a kept copy again: only a tag, never a date (see net/content-validator.ts). */
export interface CachedCopy {
  etag?: string | null;
}

export type FetchResult =
  | { kind: 'fresh'; bytes: Uint8Array; etag: string | null; lastModified: string | null }
  | { kind: 'not-modified' };

export interface FetchOptions {
  maxBytes: number;
  /** The final URL after redirects must pass this check (inside the feed, https). */
  checkUrl: (url: string) => void;
  cached?: CachedCopy | null;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

const MAX_REDIRECTS = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fetches one feed file: a 10 s timeout, the size cap enforced while the
 * body streams (whatever Content-Length claims), conditional requests
 * against a cached copy, and retries with backoff for network errors and
 * server errors (never for 4xx).
 */
export async function fetchFeedFile(url: string, options: FetchOptions): Promise<FetchResult> {
  const retries = options.retries ?? 2;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchOnce(url, options);
    } catch (error) {
      const retryable = error instanceof RetryableError;
      if (!retryable || attempt >= retries) throw retryable ? new FeedError(error.message, url) : error;
      await sleep((options.backoffMs ?? 1000) * 2 ** attempt);
    }
  }
}

class RetryableError extends Error {}

async function fetchOnce(url: string, options: FetchOptions): Promise<FetchResult> {
  const controller = new AbortController();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const timer = setTimeout(() => controller.abort(new RetryableError(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  const abort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', abort, { once: true });
  const headers: Record<string, string> = {};
  if (options.cached?.etag) headers['If-None-Match'] = options.cached.etag;
  try {
    let response: Response;
    // Redirects are followed by hand, each target checked before it is asked anything.
    let target = url;
    for (let hop = 0; ; hop++) {
      try {
        // 'no-store': the browser's cache would otherwise send the host's tags back by itself;
        // only the caller's `cached.etag` (a content hash, see sync-page.ts) is ever sent.
        response = await (options.fetch ?? fetch)(target, { headers, signal: controller.signal, credentials: 'omit', redirect: 'manual', cache: 'no-store' });
      } catch (error) {
        if (controller.signal.reason instanceof RetryableError) throw controller.signal.reason;
        if (options.signal?.aborted) throw error;
        throw new RetryableError(`could not connect (${(error as Error).message})`);
      }
      const redirected = response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400 && response.status !== 304);
      if (!redirected) break;
      await response.body?.cancel();
      const location = response.headers.get('location');
      // A browser hides where a redirect goes; without knowing, DocDelta does not follow it.
      if (!location) throw new FeedError('the server redirects this file elsewhere; set the feed to its final address', target);
      if (hop >= MAX_REDIRECTS) throw new FeedError('the server redirects too many times', target);
      const next = new URL(location, target).href;
      options.checkUrl(next);
      target = next;
    }
    if (response.status === 304) return { kind: 'not-modified' };
    if (response.status >= 500) throw new RetryableError(`the server answered ${response.status}`);
    if (!response.ok) throw new FeedError(`the server answered ${response.status}`, url);
    const bytes = await readFeedBody(response, options.maxBytes, url, controller.signal);
    return { kind: 'fresh', bytes, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', abort);
  }
}

async function readFeedBody(response: Response, maxBytes: number, url: string, signal: AbortSignal): Promise<Uint8Array> {
  try {
    return await readCapped(response, maxBytes, () => new FeedError(`the file is larger than ${maxBytes} bytes`, url));
  } catch (error) {
    // A timeout while the body streams is a network failure, retried like one.
    if (signal.reason instanceof RetryableError) throw signal.reason;
    throw error;
  }
}
