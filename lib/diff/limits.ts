import type { Token } from './tokens';

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

export interface DiffOptions extends DiffLimits {
  /**
   * Whether a block whose only difference is a date, time, counter or hash
   * (see volatile.ts) is shown as a change. Off by default; a site whose dates
   * are its content (release notes) turns it on in its rule.
   */
  volatileIsContent?: boolean;
  /** Whether a passage that moved is shown as removed where it was and added where it is (diff/moves.ts); off by default. */
  movesAreEdits?: boolean;
  /** How text is cut into the units compared (tokens.ts); the bench passes a whitespace split to weigh the finer one. */
  tokenize?: (text: string) => Token[];
}

export const defaultLimits: DiffLimits = {
  maxBlockEdits: 3000,
  maxWordEdits: 6000,
};
