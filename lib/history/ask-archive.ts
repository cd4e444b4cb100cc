import { readCapped } from '../feed/read-capped';
import { formatClock } from '../format-time';
import { rateLimited } from './github';
import { HistoryError } from './history-error';
import type { RequestBudget } from './request-budget';
import { retryAfter } from './retry-after';

export interface ArchiveHost {
  /** The host's name as the reader knows it: "The Internet Archive", "GitHub". */
  name: string;
  budget: RequestBudget;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

export type ArchiveAnswer = { status: 200; bytes: Uint8Array } | { status: 404 } | { status: 'redirect' };

/**
 * One request to an archive, as a good citizen of a free service makes it: counted against the
 * host's hourly budget, without cookies, never following a redirect, with a timeout, the body
 * capped while it streams. A 429 or 503 pauses every request to the host until its Retry-After;
 * GitHub's spent rate limit until its reset. Never retried here: the reader asks again.
 */
export async function askArchive(url: string, maxBytes: number, host: ArchiveHost): Promise<ArchiveAnswer> {
  const now = host.now ?? Date.now;
  const hostname = new URL(url).hostname;
  host.budget.take(hostname, host.name);
  const controller = new AbortController();
  const timeoutMs = host.timeoutMs ?? 20_000;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await (host.fetch ?? fetch)(url, { credentials: 'omit', redirect: 'manual', signal: controller.signal });
    } catch {
      throw new HistoryError(controller.signal.aborted ? `${host.name} did not answer within ${timeoutMs / 1000} s; try again later.` : `${host.name} could not be reached; check the connection and try again.`);
    }
    const limited = rateLimited(response.status, response.headers, now());
    if (limited) {
      host.budget.pause(hostname, limited.retryAt!);
      await response.body?.cancel();
      throw limited;
    }
    if (response.status === 429 || response.status === 503) {
      const until = retryAfter(response.headers.get('retry-after'), now()) ?? now() + 60_000;
      host.budget.pause(hostname, until);
      await response.body?.cancel();
      throw new HistoryError(`${host.name} is busy; try again after ${formatClock(until)}.`, until);
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
    return { status: 200, bytes };
  } catch (error) {
    if (error instanceof HistoryError) throw error;
    throw new HistoryError(controller.signal.aborted ? `${host.name} did not answer within ${timeoutMs / 1000} s; try again later.` : `${host.name}'s answer broke off; try again later.`);
  } finally {
    clearTimeout(timer);
  }
}
