import { expect, test } from 'vitest';
import { inViewFirst } from '../../lib/overlay/in-view-first';

test('changes in view are measured first, then those below, then those above', () => {
  // Ten changes 500 px apart; the reader scrolled to 2,200 px.
  const bottoms = Array.from({ length: 10 }, (_, i) => i * 500 + 20 - 2200);
  const asked: number[] = [];
  const order = inViewFirst(10, (i) => (asked.push(i), bottoms[i]!));
  expect(order).toEqual([5, 6, 7, 8, 9, 0, 1, 2, 3, 4]);
  // A handful of reads, not one per change.
  expect(asked.length).toBeLessThanOrEqual(Math.ceil(Math.log2(10)) + 1);
});

test('at the top of the page, or scrolled past every change: page order', () => {
  expect(inViewFirst(4, (i) => i * 100)).toEqual([0, 1, 2, 3]);
  expect(inViewFirst(4, () => -1)).toEqual([0, 1, 2, 3]);
  expect(inViewFirst(0, () => 0)).toEqual([]);
});
