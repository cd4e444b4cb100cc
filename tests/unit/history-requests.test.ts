import { describe, expect, test } from 'vitest';
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
  test('the hour\'s requests run out, and come back as the hour slides', () => {
    let now = NOW;
    const budget = new RequestBudget(3, () => now);
    for (let i = 0; i < 3; i++) budget.take('web.archive.org', 'The Internet Archive');
    expect(() => budget.take('web.archive.org', 'The Internet Archive')).toThrow(/asked The Internet Archive 3 times this hour/);
    // Another host has its own budget.
    budget.take('api.github.com', 'GitHub');
    now += 3600_000 + 1;
    expect(() => budget.take('web.archive.org', 'The Internet Archive')).not.toThrow();
  });

  test('a pause the host asked for holds every request until it ends, and says until when', () => {
    let now = NOW;
    const budget = new RequestBudget(100, () => now);
    budget.pause('web.archive.org', NOW + 60_000);
    let refused: unknown;
    try {
      budget.take('web.archive.org', 'The Internet Archive');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(HistoryError);
    expect((refused as HistoryError).retryAt).toBe(NOW + 60_000);
    expect((refused as HistoryError).message).toMatch(/The Internet Archive asked DocDelta to wait; try again after \d{1,2}[:.]\d{2}/);
    now += 60_001;
    expect(() => budget.take('web.archive.org', 'The Internet Archive')).not.toThrow();
  });
});
