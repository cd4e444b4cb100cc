/**
 * Bounds that keep every diff finite. Myers' algorithm costs O(N·D); past
 * these edit distances the engine degrades instead of working harder:
 * blocks are compared whole, shown as added or removed without word detail.
 */
export interface DiffLimits {
  /** Most block insertions + deletions aligned one by one. */
  maxBlockEdits: number;
  /** Most token insertions + deletions inside one replaced region. */
  maxWordEdits: number;
}

export const defaultLimits: DiffLimits = {
  maxBlockEdits: 3000,
  maxWordEdits: 6000,
};
