import { diffArrays } from 'diff';
import type { DeltaOp } from '../../lib/feed/text-delta';
import { splitLines } from '../../lib/feed/text-delta';

/** The edits that turn `newer` into `older`, by lines (the inverse of applyDelta). */
export function makeDelta(newer: string, older: string): DeltaOp[] {
  const ops: DeltaOp[] = [];
  let line = 0;
  for (const part of diffArrays(splitLines(newer), splitLines(older))) {
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
