import { describe, expect, test } from 'vitest';
import { isSteady, pairedRatio, takeTurns, turnsUntilSteady } from '../bench/report';

// The bench's figures are only as good as the statistics that report them.
describe('a figure measured in pairs', () => {
  test('a slow spell that slows both halves of a pair does not move the figure', () => {
    // The machine is three times slower in the last rounds; each pair still says 2×.
    const baseline = [10, 10, 10, 10, 30, 30, 30];
    const figure = pairedRatio(baseline.map((ms) => ms * 2), baseline);
    expect(figure.median).toBe(2);
    expect(figure.low).toBe(2);
    expect(figure.high).toBe(2);
    expect(isSteady(figure)).toBe(true);
  });

  test('the interval of the median is the range for a few pairs and narrows with more', () => {
    const noisy = (n: number) => Array.from({ length: n }, (_, i) => 1 + ((i * 7) % 11) / 10);
    const few = pairedRatio(noisy(7), Array(7).fill(1));
    expect([few.low, few.high]).toEqual([few.min, few.max]);
    const many = pairedRatio(noisy(99), Array(99).fill(1));
    expect(many.high - many.low).toBeLessThan(many.max - many.min);
    expect(many.low).toBeLessThanOrEqual(many.median);
    expect(many.high).toBeGreaterThanOrEqual(many.median);
  });

  test('a figure that moves more than 5% either side is not steady', () => {
    expect(isSteady(pairedRatio([1, 1.2, 0.8, 1.1, 0.9, 1, 1.3], Array(7).fill(1)))).toBe(false);
    expect(isSteady(pairedRatio([1, 1.02, 0.98, 1.01, 0.99, 1, 1.03], Array(7).fill(1)))).toBe(true);
  });
});

describe('taking turns', () => {
  test('the order flips every round, so no subject always runs first', async () => {
    const order: string[] = [];
    await takeTurns(4, { a: () => order.push('a'), b: () => order.push('b') });
    expect(order.join('')).toBe('abbaabba');
  });

  // A clock of the test's own: each subject takes the time it is given.
  const fakeTime = () => {
    let now = 0;
    return { clock: () => now, take: (ms: number) => void (now += ms) };
  };

  test('rounds stop once a figure is steady, after one untimed round', async () => {
    const time = fakeTime();
    let calls = 0;
    const samples = await turnsUntilSteady({ a: () => { calls++; time.take(6); }, b: () => time.take(3) }, [['a', 'b']], { minRounds: 3, maxRounds: 12, clock: time.clock });
    expect(samples.a).toEqual([6, 6, 6]);
    expect(calls).toBe(4);
  });

  test('rounds go on while a figure is not steady, up to the limit or the time budget', async () => {
    const time = fakeTime();
    let calls = 0;
    // Every other pair is three times as slow: the median never settles within 5%.
    const unsteady = { a: () => time.take(calls++ % 2 ? 9 : 3), b: () => time.take(3) };
    expect((await turnsUntilSteady(unsteady, [['a', 'b']], { minRounds: 3, maxRounds: 12, clock: time.clock })).a).toHaveLength(12);
    // Rounds of 6 and 12 ms in turn: past a 50 ms budget after 6 rounds.
    expect((await turnsUntilSteady(unsteady, [['a', 'b']], { minRounds: 3, maxRounds: 50, budgetMs: 50, clock: time.clock })).a).toHaveLength(6);
  });
});
