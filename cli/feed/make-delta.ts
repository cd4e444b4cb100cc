import { diffArrays } from 'diff';
import type { DeltaOp } from '../../lib/feed/text-delta';
import { splitLines } from '../../lib/feed/text-delta';

/**
 * Edits beyond which a version is stored whole: the diff's time grows with
 * lines × edits, and a page rewritten this much (a machine translation run)
 * compresses about as well whole.
 */
const MAX_EDITS = 600;

/** The edits that turn `newer` into `older`, by lines (the inverse of applyDelta), or null for a rewrite. */
export function makeDelta(newer: string, older: string): DeltaOp[] | null {
  const ops: DeltaOp[] = [];
  let line = 0;
  const parts = diffArrays(splitLines(newer), splitLines(older), { maxEditLength: MAX_EDITS });
  if (!parts) return null;
  for (const part of parts) {
    const count = part.value.length;
    if (part.removed) {
      ops.push([line, count]);
      line += count;
    } else if (part.added) {
      const last = ops.at(-1);
      // A replacement is one op: the removal just before, with the new lines.
      if (last && last.length === 2 && last[0] + last[1] === line) ops[ops.length - 1] = [last[0], last[1], part.value.join('')];
      else ops.push([line, 0, part.value.join('')]);
    } else {
      line += count;
    }
  }
  return ops;
}
