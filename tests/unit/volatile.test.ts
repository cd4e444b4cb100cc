import { describe, expect, test } from 'vitest';
import type { Block } from '../../lib/blocks';
import { diffPages } from '../../lib/diff/diff-pages';
import { defaultLimits } from '../../lib/diff/limits';
import { differOnlyInVolatile } from '../../lib/diff/volatile';

const paragraph = (text: string): Block => ({ kind: 'paragraph', level: 0, text });
const code = (text: string): Block => ({ kind: 'code', level: 0, text });
const intro = paragraph('Install the package before you configure the client.');
const outro = paragraph('The next section explains authentication in detail.');

/** The change set of one middle block changing from `before` to `after`, between two unchanged blocks. */
const diffMiddle = (before: Block, after: Block, volatileIsContent = false) =>
  diffPages([intro, before, outro], [intro, after, outro], { ...defaultLimits, volatileIsContent });

describe('a new build that only restamps dates is not a change', () => {
  test.each([
    ['Docusaurus last-updated line', 'Last updated on Jan 3, 2023 by Omry Yadan', 'Last updated on Dec 19, 2022 by Omry Yadan'],
    ['VuePress stamp with a time', '上次更新: 2025/12/02, 07:18:58', '上次更新: 2026/01/15, 21:04:11'],
    ['MkDocs revision dates', 'Created: 2020-06-16 Last update: 2025-07-10', 'Created: 2020-06-16 Last update: 2025-08-01'],
    ['a long month and a day-first date', 'Published 22 January 2026', 'Published 3 February 2026'],
    ['a relative time', 'Edited 3 days ago', 'Edited an hour ago'],
    ['a build hash', 'Built from commit 1a2b3c4 on main.', 'Built from commit 9f8e7d6 on main.'],
    ['a counter', 'This page has 1,204 views', 'This page has 1,311 views'],
    ['a Chinese date', '发布于 2024年3月5日', '发布于 2025年11月20日'],
  ])('%s', (_name, before, after) => {
    expect(differOnlyInVolatile(before, after)).toBe(true);
    expect(diffMiddle(paragraph(before), paragraph(after)).changes).toEqual([]);
  });
});

describe('numbers that are content still show', () => {
  test.each([
    ['a version number', 'Requires Python 3.8 or later.', 'Requires Python 3.9 or later.'],
    ['a limit', 'Requests are limited to 100 per minute.', 'Requests are limited to 60 per minute.'],
    ['a slice that reads like a time', 'Take items[1:10] from the list.', 'Take items[2:10] from the list.'],
    ['a date and a word', 'Deprecated since Jan 3, 2023.', 'Removed since Dec 19, 2024.'],
    ['a date added where there was none', 'Last updated recently', 'Last updated on Jan 3, 2023'],
  ])('%s', (_name, before, after) => {
    expect(differOnlyInVolatile(before, after)).toBe(false);
    expect(diffMiddle(paragraph(before), paragraph(after)).changes).toHaveLength(1);
  });

  test('a date changed in a code example is an edit', () => {
    const diff = diffMiddle(code('created = date(2023-01-03)'), code('created = date(2024-05-09)'));
    expect(diff.changes).toHaveLength(1);
  });

  test('a site whose dates are its content (release notes) sees the change', () => {
    const diff = diffMiddle(paragraph('Released on Jan 3, 2023'), paragraph('Released on Feb 9, 2023'), true);
    expect(diff.changes).toHaveLength(1);
    expect(diff.addedWords).toBe(2);
  });
});

test('beside a real edit, a restamped date is passed over and the edit is counted alone', () => {
  const before = [intro, paragraph('Call connect() first.'), paragraph('Last updated on Jan 3, 2023'), outro];
  const after = [intro, paragraph('Call connect() and login() first.'), paragraph('Last updated on Mar 8, 2024'), outro];
  const diff = diffPages(before, after);
  expect(diff.changes).toHaveLength(1);
  expect(diff.addedWords).toBe(2); // "and", "login"
  expect(diff.removedWords).toBe(0);
  expect(diff.changes[0]!.added.every((span) => span.block === 1)).toBe(true);
});
