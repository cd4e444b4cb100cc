import type { Block } from '../blocks';

/** Added text: a character range in one block of the new version. */
export interface AddedSpan {
  block: number;
  start: number;
  end: number;
}

/**
 * Old wording of a changed block: its text in runs, removed runs flagged. The
 * runs joined with nothing between them are the old text (each run carries
 * the spaces after it).
 */
export interface WordingPart {
  text: string;
  removed: boolean;
}

/**
 * Text that is gone. Whole removed blocks stand between two new blocks
 * (`after`/`before` are new-block indices, null at the page's edges); a
 * changed block's removed words are shown with the block's old wording.
 */
export type RemovedPassage =
  | { kind: 'blocks'; after: number | null; before: number | null; blocks: Block[] }
  | { kind: 'wording'; block: number; parts: WordingPart[] };

/** A passage that stands here now and elsewhere before (diff/moves.ts): shown as moved, counted once. */
export interface MovedFrom {
  /** The new blocks [start, end) of the passage. */
  start: number;
  end: number;
  /** The old blocks [oldStart, oldEnd) it was. */
  oldStart: number;
  oldEnd: number;
  /** Where it stood, in the new version's terms: after this new block (null: at the page's top). */
  after: number | null;
  /** The heading it stood under in the old version, if any. */
  section: string | null;
  direction: 'up' | 'down';
  /** Its words; edits made on the way are the change's added and removed words. */
  words: number;
}

/** One navigable change: consecutive changed blocks with nothing unchanged between, or a passage that moved. */
export interface Change {
  /** Text of the heading of the section the change is in, if any. */
  section: string | null;
  /** The first new block the change touches, or where its removed text stood. */
  firstBlock: number | null;
  added: AddedSpan[];
  removed: RemovedPassage[];
  addedWords: number;
  removedWords: number;
  /** Set when the change is a moved passage; its added and removed text are edits inside it. */
  moved?: MovedFrom;
}

export interface ChangeSet {
  changes: Change[];
  addedWords: number;
  removedWords: number;
  /** Words of passages that moved (not counted as added or removed). */
  movedWords: number;
  /**
   * True when the versions differ too much for a word-level diff within the
   * engine's bound; changes are then whole blocks.
   */
  coarse: boolean;
  /**
   * True when the page was replaced rather than changed: the diff fell back to whole blocks and
   * more than nine tenths of the new version's words are new. Such a page is summed up, not drawn.
   */
  replaced: boolean;
}

export const emptyChangeSet = (): ChangeSet => ({ changes: [], addedWords: 0, removedWords: 0, movedWords: 0, coarse: false, replaced: false });
