import type { LocatedBlock, TextSegment } from './extract-blocks';

export interface DomPosition {
  node: Text;
  offset: number;
}

const isSpaceChar = (ch: string) => /\s/.test(ch);

/** The segment whose output holds the character at `index`. */
function findSegment(segments: readonly TextSegment[], index: number): TextSegment | undefined {
  let low = 0;
  let high = segments.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const segment = segments[mid]!;
    if (index < segment.textStart) high = mid - 1;
    else if (index >= segment.textEnd) low = mid + 1;
    else return segment;
  }
  return undefined;
}

/**
 * Turns an offset in a block's normalized text into a DOM position by
 * replaying the whitespace collapse over the one text node that holds it.
 * `start` gives the position before the character at `offset`; `end` the
 * position just after the character before `offset`.
 */
export function locateOffset(block: LocatedBlock, offset: number, bias: 'start' | 'end'): DomPosition | null {
  const target = bias === 'start' ? offset : offset - 1;
  const segment = findSegment(block.segments, target);
  if (!segment) return null;
  const { node, rawStart, rawEnd } = segment;
  const raw = node.data;
  let position = segment.textStart;
  let pending = segment.pendingSpace;
  for (let i = rawStart; i < rawEnd; i++) {
    const ch = raw[i]!;
    if (isSpaceChar(ch)) {
      pending = position > 0;
      continue;
    }
    if (pending) {
      if (position === target) return { node, offset: i };
      position++;
      pending = false;
    }
    if (position === target) return { node, offset: bias === 'start' ? i : i + 1 };
    position++;
  }
  return null;
}
