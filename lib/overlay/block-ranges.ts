import type { AddedSpan } from '../diff/change-set';
import type { LocatedBlock } from '../extract/extract-blocks';
import { locateOffset } from '../extract/locate-offset';

/** A DOM Range over an added span of a located block, or null if it no longer maps. */
export function spanRange(doc: Document, blocks: readonly LocatedBlock[], span: AddedSpan): Range | null {
  const block = blocks[span.block];
  if (!block || span.end <= span.start || span.end > block.text.length) return null;
  const start = locateOffset(block, span.start, 'start');
  const end = locateOffset(block, span.end, 'end');
  if (!start || !end) return null;
  const range = doc.createRange();
  try {
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
  } catch {
    return null;
  }
  return range;
}
