import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { makeDelta } from '../../cli/feed/make-delta';
import { FeedError } from '../../lib/feed/feed-error';
import { applyDelta } from '../../lib/feed/text-delta';

describe('feed deltas', () => {
  test('applying the delta from a newer text to an older one gives the older text exactly', () => {
    const line = fc.constantFrom('a\n', 'b\n', 'c\n', '\n', 'x y\n', 'é\n', 'tail');
    const text = fc.array(line, { maxLength: 40 }).map((lines) => lines.join(''));
    fc.assert(
      fc.property(text, text, (newer, older) => {
        expect(applyDelta(newer, makeDelta(newer, older)!, 1e6)).toBe(older);
      }),
      { numRuns: 500 },
    );
  });

  test('a delta that would grow the text past its cap is refused, not applied', () => {
    const huge = 'x'.repeat(1000);
    expect(() => applyDelta('a\n', [[0, 0, huge], [1, 0, huge]], 1500)).toThrow(FeedError);
  });

  test('a real edit costs a few bytes, not a copy of the page', () => {
    const newer = Array.from({ length: 400 }, (_, i) => `Line ${i} of a long page.\n`).join('');
    const older = newer.replace('Line 200 of', 'Line two hundred of');
    expect(JSON.stringify(makeDelta(newer, older)).length).toBeLessThan(100);
    // A rewrite of every line is stored whole: no delta.
    expect(makeDelta(newer, newer.replace(/Line/g, 'Row'))).toBeNull();
  });
});
