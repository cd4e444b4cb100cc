import { diffArrays } from 'diff';

/*
 * Delta ops, a flat number list read left to right over the base:
 *   n > 0   copy the next n ids of the base
 *   n < 0   skip the next -n ids of the base
 *   0, k, id1 … idk   insert k ids
 */

/** Edits that turn `base` into `target`, or null when storing it whole is cheaper. */
export function encodeDelta(base: readonly number[], target: readonly number[]): number[] | null {
  const changes = diffArrays(base as number[], target as number[], { maxEditLength: 5000 });
  if (!changes) return null;
  const ops: number[] = [];
  for (const change of changes) {
    if (change.added) ops.push(0, change.count, ...change.value);
    else if (change.removed) ops.push(-change.count);
    else ops.push(change.count);
  }
  return ops.length < target.length ? ops : null;
}

export function applyDelta(base: readonly number[], ops: readonly number[]): number[] {
  const target: number[] = [];
  let position = 0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op > 0) {
      for (let k = 0; k < op; k++) target.push(base[position + k]!);
      position += op;
    } else if (op < 0) {
      position -= op;
    } else {
      const count = ops[++i]!;
      for (let k = 0; k < count; k++) target.push(ops[++i]!);
    }
  }
  return target;
}
