import type { LocatedBlock, TextSegment } from './extract-blocks';

export interface DomPosition {
  node: Text;
  offset: number;
}

/**
 * JavaScript's `\s` (what the reader's `\S+` splits on), by code unit: a regular expression
 * test per character was most of the time it takes to find a change's place in a long paragraph.
 */
export function isSpaceCode(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

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
    if (isSpaceCode(raw.charCodeAt(i))) {
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
