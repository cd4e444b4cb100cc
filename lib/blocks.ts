/**
 * The block model shared by extraction (live DOM), storage and the diff engine:
 * a page is an ordered list of blocks, each one readable unit of text.
 */
export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'code' | 'table-cell';

export interface Block {
  kind: BlockKind;
  /** Heading level 1–6; 0 for every other kind. */
  level: number;
  /** Normalized text: whitespace runs collapsed to one space, trimmed. */
  text: string;
}

/**
 * Blocks are compared by their words alone: a heading that moved from <h1>
 * to <h2> in a theme change, or a paragraph that became a list item, reads
 * the same and is not a change.
 */
export function blockKey(block: Block): string {
  return block.text;
}
