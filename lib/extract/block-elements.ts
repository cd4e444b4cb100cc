import type { BlockKind } from '../blocks';

/**
 * Elements that start a new block of text (HTML's block-level flow content), and LABEL: in
 * docs a label is a tab's or a toggle's (pymdownx and sphinx-design tab sets), which themes
 * show as boxes of their own; read inline, `<label>pip</label><label>conda</label>` would be
 * one word no reader sees.
 */
export const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV',
  'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5',
  'H6', 'HEADER', 'HGROUP', 'HR', 'LABEL', 'LEGEND', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);

export function blockKindOf(tag: string): { kind: BlockKind; level: number } {
  switch (tag) {
    case 'H1': case 'H2': case 'H3': case 'H4': case 'H5': case 'H6':
      return { kind: 'heading', level: Number(tag[1]) };
    case 'LI':
      return { kind: 'list-item', level: 0 };
    case 'PRE':
      return { kind: 'code', level: 0 };
    case 'TD': case 'TH':
      return { kind: 'table-cell', level: 0 };
    default:
      return { kind: 'paragraph', level: 0 };
  }
}
