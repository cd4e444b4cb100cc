/**
 * Text that changes on every build while the content stays the same: dates
 * ("Last updated on Jan 22, 2026", "上次更新: 2025/12/02, 07:18:58"), times,
 * "3 days ago", view and star counters, and commit or build hashes. A block
 * whose old and new text differ only in such runs is not a change a reader
 * wants to see. Version numbers ("Python 3.12") and other plain numbers are
 * content and are never masked.
 *
 * Every pattern is a fixed sequence of bounded or simple runs (no nested
 * repetition), so masking is linear in the text's length.
 */
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';
const UNIT = '(?:second|sec|minute|min|hour|hr|day|week|month|year)s?';
const COUNTED = '(?:views?|stars?|downloads?|reads?|comments?|contributors?|min(?:ute)?s? read)';

const VOLATILE = new RegExp(
  [
    // 2025-07-10, 2025/12/02 (optionally with a time after T)
    '\\b\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}(?:T[\\d:.]+Z?)?\\b',
    // 10/07/2025, 10-07-25
    '\\b\\d{1,2}[-/]\\d{1,2}[-/]\\d{2,4}\\b',
    // Jan 22, 2026 · January 2026 · 22 January 2026
    `\\b${MONTH}\\s+(?:${DAY},?\\s+)?\\d{4}\\b`,
    `\\b${DAY}\\s+${MONTH},?\\s+\\d{4}\\b`,
    // 2025年12月2日
    '\\d{4}年\\d{1,2}月(?:\\d{1,2}日)?',
    // 07:18:58, 10:30 pm, 10:30 UTC; a bare 1:10 may be a slice or a ratio and stays content.
    '\\b\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?(?:\\s?[ap]\\.?m\\.?)?|\\s?[ap]\\.?m\\.?|\\s?(?:utc|gmt|[+-]\\d{2}:?\\d{2}))(?:\\s?(?:utc|gmt))?',
    // 3 days ago, an hour ago, yesterday
    `\\b(?:\\d+|an?|one)\\s+${UNIT}\\s+ago\\b`,
    '\\b(?:yesterday|today)\\b',
    // 1,234 views · 5 min read
    `\\b\\d[\\d,.]*[kKmM]?\\s*${COUNTED}`,
    // A commit or build hash: 7+ hex digits with at least one digit and one letter.
    '\\b(?=[a-f]*\\d)(?=\\d*[a-f])[0-9a-f]{7,64}\\b',
  ].join('|'),
  'giu',
);

/** The text with each volatile run replaced by one placeholder character. */
export function maskVolatile(text: string): string {
  return text.replace(VOLATILE, '\u0000');
}

/** Whether two texts differ, if at all, only in volatile runs (and not in how many there are). */
export function differOnlyInVolatile(oldText: string, newText: string): boolean {
  if (oldText === newText) return true;
  const masked = maskVolatile(newText);
  return masked !== newText && maskVolatile(oldText) === masked;
}
