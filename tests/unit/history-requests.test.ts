import 'fake-indexeddb/auto';
import { describe, expect, test, vi } from 'vitest';
import { HISTORY_REQUESTS_PER_HOUR } from '../../lib/background/get-history';
import { exportBackup } from '../../lib/backup/export-backup';
import { openDocDeltaDB } from '../../lib/store/open-db';
import { storedRequestLog } from '../../lib/store/request-log-store';
import { HistoryError } from '../../lib/history/history-error';
import { RequestBudget } from '../../lib/history/request-budget';
import { retryAfter } from '../../lib/history/retry-after';

const NOW = Date.parse('2026-12-04T12:00:00Z');

describe('Retry-After', () => {
  test('seconds or an HTTP date give the time of the next request', () => {
    expect(retryAfter('120', NOW)).toBe(NOW + 120_000);
    expect(retryAfter('Fri, 04 Dec 2026 12:05:00 GMT', NOW)).toBe(NOW + 300_000);
  });

  test('a time already past is now; a wait beyond a day is a day', () => {
    expect(retryAfter('Fri, 04 Dec 2026 11:00:00 GMT', NOW)).toBe(NOW);
    expect(retryAfter('9999999999', NOW)).toBe(NOW + 24 * 3600_000);
  });

  test('no header, or one that says nothing readable, gives nothing', () => {
    for (const header of [null, '', 'soon', '-5', '1.5', 'Friday']) expect(retryAfter(header, NOW)).toBeNull();
  });
});

describe('per-host request budget', () => {
  const archive = (budget: RequestBudget) => budget.take('web.archive.org', 'The Internet Archive');

  test('the hour\'s requests run out, and come back as the hour slides', async () => {
    let now = NOW;
    const budget = new RequestBudget(3, () => now);
    for (let i = 0; i < 3; i++) await archive(budget);
    await expect(archive(budget)).rejects.toThrow(/asked The Internet Archive 3 times this hour/);
    // Another host has its own budget.
    await budget.take('api.github.com', 'GitHub');
    now += 3600_000 + 1;
    await expect(archive(budget)).resolves.toBeUndefined();
  });

  test('a pause the host asked for holds every request until it ends, and says until when', async () => {
    let now = NOW;
    const budget = new RequestBudget(100, () => now);
    await budget.pause('web.archive.org', NOW + 60_000);
    const refused: unknown = await archive(budget).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HistoryError);
    expect((refused as HistoryError).retryAt).toBe(NOW + 60_000);
    expect((refused as HistoryError).message).toMatch(/The Internet Archive asked DocDelta to wait; try again after \d{1,2}[:.]\d{2}/);
    now += 60_001;
    await expect(archive(budget)).resolves.toBeUndefined();
  });

  test('the hour and the pauses outlive the worker: ten restarts still send at most the hour\'s 50', async () => {
    const db = await openDocDeltaDB(`request-log-${Math.random()}`);
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    let now = NOW;
    let sent = 0;
    // Each round is a worker the browser started again: the background's modules loaded anew, the database kept.
    for (let restart = 0; restart < 10; restart++) {
      vi.resetModules();
      const { historyHost } = await import('../../lib/background/get-history');
      const budget = historyHost(db).budget;
      for (let i = 0; i < 60; i++) {
        if (await archive(budget).then(() => true, () => false)) sent++;
      }
      now += 60_000;
      vi.setSystemTime(now);
    }
    vi.useRealTimers();
    expect(sent).toBe(HISTORY_REQUESTS_PER_HOUR);
    // Two clicks at once in one worker cannot both take the hour's last request.
    now += 3600_000;
    const budget = new RequestBudget(2, () => now, storedRequestLog(db));
    const raced = await Promise.allSettled([archive(budget), archive(budget), archive(budget)]);
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    // A pause a host asked for holds in the next worker too.
    await new RequestBudget(50, () => now, storedRequestLog(db)).pause('api.github.com', now + 600_000);
    await expect(new RequestBudget(50, () => now, storedRequestLog(db)).take('api.github.com', 'GitHub')).rejects.toThrow(/GitHub asked DocDelta to wait/);
    // Nothing of it is the reader's to export.
    expect((await exportBackup(db, now)).settings).toEqual([]);
  });
});
