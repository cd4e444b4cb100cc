import type { DeltaFile } from './feed-schema';
import { FeedError } from './feed-error';

export type DeltaOp = DeltaFile['ops'][number];

/**
 * Rebuilds a version's text from a newer version's text and a delta file's
 * edits: each op `[line, remove, insert?]` removes `remove` lines at `line`
 * (0-based, in the newer text, ops in increasing order) and puts `insert` in
 * their place. Linear in the two texts; an op out of order or out of range,
 * or a result over `maxBytes`, is an error, never a partial text.
 */
export function applyDelta(base: string, ops: readonly DeltaOp[], maxBytes: number): string {
  const lines = splitLines(base);
  const parts: string[] = [];
  let cursor = 0;
  let length = 0;
  const add = (text: string) => {
    length += text.length;
    if (length > maxBytes) throw new FeedError(`a delta makes a text longer than ${maxBytes} bytes`);
    parts.push(text);
  };
  for (const [line, remove, insert] of ops) {
    if (line < cursor || line + remove > lines.length) throw new FeedError('a delta edits lines out of order or past the end of its base');
    for (; cursor < line; cursor++) add(lines[cursor]!);
    cursor += remove;
    if (insert) add(insert);
  }
  for (; cursor < lines.length; cursor++) add(lines[cursor]!);
  return parts.join('');
}

/** Lines with their `\n` kept, so joining them gives the text back exactly. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const next = end < 0 ? text.length : end + 1;
    lines.push(text.slice(start, next));
    start = next;
  }
  return lines;
}
