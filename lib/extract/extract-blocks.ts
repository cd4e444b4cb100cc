import type { Block } from '../blocks';
import { BLOCK_TAGS, blockKindOf } from './block-elements';
import { yieldToPage } from '../yield-to-page';
import { splitSelectorList } from './selector-list';
import { isSpaceCode } from './locate-offset';

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

const SPACE_RUNS = /\s+/g;
const OUR_ELEMENTS = /^DOCDELTA-/;

/**
 * Reads the content root into blocks: each run of text under one block-level
 * element is a block; each line of a <pre> is its own block, so a code edit
 * shows as the lines it touched. Only reads the DOM, never changes it.
 */
export function extractBlocks(root: Element, ignoreSelector: string): LocatedBlock[] {
  const steps = extractionSteps(root, ignoreSelector);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** Yield to the page this often (ms) so a 1 MB article never holds it for a frame. */
const SLICE_MS = 6;

/** The same, in slices of a few milliseconds with the page free to run between them. */
export async function extractBlocksInSlices(
  root: Element,
  ignoreSelector: string,
  signal?: AbortSignal,
  onSlice?: (ms: number) => void,
): Promise<LocatedBlock[]> {
  const steps = extractionSteps(root, ignoreSelector);
  for (;;) {
    const sliceStart = performance.now();
    let step = steps.next();
    while (!step.done && performance.now() - sliceStart < SLICE_MS) step = steps.next();
    onSlice?.(performance.now() - sliceStart);
    if (step.done) return step.value;
    await yieldToPage();
    if (signal?.aborted) throw signal.reason;
  }
}

interface Frame {
  next: Node | null;
  block: Element;
  inPre: boolean;
  /** Leaving this frame ends a block (it was a block-level element). */
  closesBlock: boolean;
}

/** How many nodes are read between chances to yield. */
const NODES_PER_STEP = 256;

/** The walk itself, as a generator that pauses every few hundred nodes. */
function* extractionSteps(root: Element, ignoreSelector: string): Generator<void, LocatedBlock[]> {
  // Native queries instead of a selector match per element: several times faster on big pages.
  // One selector a step: the whole list at once held a 1 MB page's thread for 15 ms.
  const ignored = new Set<Element>();
  for (const selector of splitSelectorList(ignoreSelector)) {
    for (const element of root.querySelectorAll(selector)) ignored.add(element);
    yield;
  }
  const blocks: LocatedBlock[] = [];
  let current: LocatedBlock | null = null;
  let pendingSpace = false;
  // The current block's text, as pieces joined when it ends: a string grown a word at a time
  // left hundreds of thousands of string pieces alive on a 1 MB page, and the collections of
  // them were the read's longest pauses.
  let parts: string[] = [];
  let length = 0;

  // A function, not an inline check: TypeScript cannot see the closures that assign `current`.
  const hasText = () => current !== null && length > 0;

  const flush = () => {
    if (current && length > 0) {
      current.text = parts.length === 1 ? parts[0]! : parts.join('');
      blocks.push(current);
    }
    current = null;
    parts = [];
    length = 0;
    pendingSpace = false;
  };

  const open = (element: Element): LocatedBlock => {
    if (current && current.element === element) return current;
    flush();
    const { kind, level } = blockKindOf(element.tagName);
    current = { kind, level, text: '', element, segments: [] };
    return current;
  };

  const appendRun = (node: Text, rawStart: number, rawEnd: number, blockElement: Element) => {
    if (rawStart === rawEnd) return;
    const raw = node.data.slice(rawStart, rawEnd);
    // trim() and \s take away the same characters (white space and line terminators).
    const words = raw.trim();
    if (!words) {
      if (current) pendingSpace = length > 0;
      return;
    }
    const block = open(blockElement);
    const segment: TextSegment = { node, rawStart, rawEnd, textStart: length, textEnd: 0, pendingSpace };
    if ((pendingSpace || isSpaceCode(raw.charCodeAt(0))) && length > 0) {
      parts.push(' ');
      length++;
    }
    const collapsed = words.replace(SPACE_RUNS, ' ');
    parts.push(collapsed);
    length += collapsed.length;
    pendingSpace = isSpaceCode(raw.charCodeAt(raw.length - 1));
    segment.textEnd = length;
    block.segments.push(segment);
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

  // An explicit stack instead of recursion, so the walk can pause anywhere.
  const stack: Frame[] = [{ next: root.firstChild, block: root, inPre: root.tagName === 'PRE', closesBlock: false }];
  let visited = 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const node = frame.next;
    if (!node) {
      stack.pop();
      if (frame.closesBlock) flush();
      continue;
    }
    frame.next = node.nextSibling;
    if (++visited % NODES_PER_STEP === 0) yield;
    if (node.nodeType === 3) {
      appendText(node as Text, frame.block, frame.inPre);
      continue;
    }
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    const tag = element.tagName;
    if (ignored.has(element) || OUR_ELEMENTS.test(tag)) continue;
    if (tag === 'BR') {
      if (frame.inPre) flush();
      else pendingSpace = hasText();
      continue;
    }
    if (BLOCK_TAGS.has(tag)) {
      flush();
      stack.push({ next: element.firstChild, block: element, inPre: frame.inPre || tag === 'PRE', closesBlock: true });
    } else {
      stack.push({ next: element.firstChild, block: frame.block, inPre: frame.inPre, closesBlock: false });
    }
  }
  flush();
  return blocks;
}

/** The blocks without their DOM locations, as sent to the background. */
export function plainBlocks(located: readonly LocatedBlock[]): Block[] {
  return located.map(({ kind, level, text }) => ({ kind, level, text }));
}
