import type { Block } from '../blocks';
import { BLOCK_TAGS, blockKindOf } from './block-elements';

/** Where one piece of a block's normalized text lives in the DOM. */
export interface TextSegment {
  node: Text;
  rawStart: number;
  rawEnd: number;
  /** Offset in the block's text where this piece's output begins. */
  textStart: number;
  textEnd: number;
  /** Collapse state when the piece began, so offsets can be replayed. */
  pendingSpace: boolean;
}

export interface LocatedBlock extends Block {
  /** The block-level element the text belongs to (a <pre> for code lines). */
  element: Element;
  segments: TextSegment[];
}

const NON_SPACE = /\S+/g;
const OUR_ELEMENTS = /^DOCDELTA-/;

/**
 * Reads the content root into blocks: each run of text under one block-level
 * element is a block; each line of a <pre> is its own block, so a code edit
 * shows as the lines it touched. Only reads the DOM, never changes it.
 */
export function extractBlocks(root: Element, ignoreSelector: string): LocatedBlock[] {
  const blocks: LocatedBlock[] = [];
  let current: LocatedBlock | null = null;
  let pendingSpace = false;

  const flush = () => {
    if (current && current.text.length > 0) blocks.push(current);
    current = null;
    pendingSpace = false;
  };

  const open = (element: Element): LocatedBlock => {
    if (current && current.element === element) return current;
    flush();
    const { kind, level } = blockKindOf(element.tagName);
    current = { kind, level, text: '', element, segments: [] };
    return current;
  };

  const appendText = (node: Text, block: Element, inPre: boolean) => {
    const raw = node.data;
    if (!inPre) {
      appendRun(node, 0, raw.length, block);
      return;
    }
    let start = 0;
    for (let newline = raw.indexOf('\n'); newline !== -1; newline = raw.indexOf('\n', start)) {
      appendRun(node, start, newline, block);
      flush();
      start = newline + 1;
    }
    appendRun(node, start, raw.length, block);
  };

  const appendRun = (node: Text, rawStart: number, rawEnd: number, blockElement: Element) => {
    if (rawStart === rawEnd) return;
    const raw = node.data.slice(rawStart, rawEnd);
    NON_SPACE.lastIndex = 0;
    if (!NON_SPACE.test(raw)) {
      if (current) pendingSpace = current.text.length > 0;
      return;
    }
    const block = open(blockElement);
    const segment: TextSegment = {
      node, rawStart, rawEnd, textStart: block.text.length, textEnd: 0, pendingSpace,
    };
    let text = block.text;
    let lastEnd = 0;
    NON_SPACE.lastIndex = 0;
    for (let match = NON_SPACE.exec(raw); match; match = NON_SPACE.exec(raw)) {
      const spaceBefore = match.index > lastEnd;
      if ((pendingSpace || spaceBefore) && text.length > 0) text += ' ';
      text += match[0];
      lastEnd = match.index + match[0].length;
      pendingSpace = false;
    }
    pendingSpace = lastEnd < raw.length;
    block.text = text;
    segment.textEnd = text.length;
    block.segments.push(segment);
  };

  const visit = (parent: Node, blockElement: Element, inPre: boolean) => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        appendText(child as Text, blockElement, inPre);
        continue;
      }
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      const tag = element.tagName;
      if (OUR_ELEMENTS.test(tag) || element.matches(ignoreSelector)) continue;
      if (tag === 'BR') {
        if (inPre) flush();
        else if (current) pendingSpace = current.text.length > 0;
        continue;
      }
      if (BLOCK_TAGS.has(tag)) {
        flush();
        visit(element, element, inPre || tag === 'PRE');
        flush();
      } else {
        visit(element, blockElement, inPre);
      }
    }
  };

  visit(root, root, root.tagName === 'PRE');
  flush();
  return blocks;
}

/** The blocks without their DOM locations, as sent to the background. */
export function plainBlocks(located: readonly LocatedBlock[]): Block[] {
  return located.map(({ kind, level, text }) => ({ kind, level, text }));
}
