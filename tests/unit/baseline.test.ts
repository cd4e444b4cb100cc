import { describe, expect, test } from 'vitest';
import { addView, chooseBaseline, markSeen, MAX_VIEWS, VISIT_GAP_MS } from '../../lib/baseline';
import type { View } from '../../lib/store/schema';

const minutes = (n: number) => n * 60 * 1000;

function views(...steps: Array<[version: number, at: number]>): View[] {
  return steps.reduce<View[]>((list, [version, at]) => addView(list, version, at), []);
}

describe('which version is the baseline', () => {
  test('a first visit has none', () => {
    expect(chooseBaseline(views([1, 0]))).toBeNull();
  });

  test('the version seen on the previous visit', () => {
    expect(chooseBaseline(views([1, 0], [2, minutes(60)]))).toBe(1);
  });

  test('reloading within 30 minutes is the same visit and keeps the baseline', () => {
    const list = views([1, 0], [2, minutes(60)], [2, minutes(65)], [2, minutes(80)]);
    expect(chooseBaseline(list)).toBe(1);
  });

  test('after 30 quiet minutes an unchanged page shows nothing', () => {
    expect(chooseBaseline(views([1, 0], [2, minutes(60)], [2, minutes(60) + VISIT_GAP_MS]))).toBeNull();
  });

  test('a page that changed during this visit compares with the version seen just before the change', () => {
    expect(chooseBaseline(views([1, 0], [2, minutes(60)], [3, minutes(70)]))).toBe(2);
    expect(chooseBaseline(views([1, 0], [2, minutes(60)], [3, minutes(70)], [3, minutes(75)]))).toBe(2);
  });

  test('the previous visit\'s last version counts, not its first', () => {
    expect(chooseBaseline(views([1, 0], [2, minutes(5)], [3, minutes(120)]))).toBe(2);
  });

  test('"mark as seen" makes the current version the baseline until the page changes again', () => {
    let list = views([1, 0], [2, minutes(60)]);
    list = markSeen(list, 2, minutes(61));
    list = addView(list, 2, minutes(62));
    expect(chooseBaseline(list)).toBeNull();
    list = addView(list, 3, minutes(63));
    expect(chooseBaseline(list)).toBe(2);
  });

  test('views are bounded', () => {
    let list: View[] = [];
    for (let i = 0; i < MAX_VIEWS * 2; i++) list = addView(list, i, i * VISIT_GAP_MS * 2);
    expect(list.length).toBe(MAX_VIEWS);
    expect(chooseBaseline(list)).toBe(MAX_VIEWS * 2 - 2);
  });
});
