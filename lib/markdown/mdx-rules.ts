import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import { scanExpression, scanJsxTag, type JsxTag } from './jsx-scan';
import { isSkippedTag, pastMatchingClose, VOID_ELEMENTS } from './skipped-tags';

/**
 * MDX read as a reader sees it: ESM (`import`/`export`) and `{expressions}`
 * contribute nothing, JSX tags are dropped while their children are read as
 * markdown, the titles a component displays (`title`, `label`, …) are kept,
 * and four-space indentation is not code (MDX has no indented code).
 *
 * Tolerant where real files are not valid MDX: a `<` or `{` that does not
 * start a complete tag or expression is text. Linear: a scan that runs to the
 * end of its input unclosed happens once per document (block) or once per
 * paragraph (inline); after it, constructs are only looked for within a line.
 */
export function mdxRules(md: MarkdownIt, titleAttributes: readonly string[]): void {
  md.disable(['code', 'html_block', 'html_inline', 'autolink']);
  md.block.ruler.before('table', 'mdx_indent', deepIndent);
  md.block.ruler.before('fence', 'mdx_esm', esmBlock);
  // A line of tags ends a paragraph before it, as in MDX (`text` then `</Step>` on the next line).
  md.block.ruler.before('paragraph', 'mdx_flow', (state, startLine, endLine, silent) => flowBlock(state, startLine, endLine, silent, titleAttributes), {
    alt: ['paragraph', 'blockquote', 'list'],
  });
  md.inline.ruler.before('text', 'mdx_inline', inlineJsx);
}

/**
 * What failed scans may read, in characters, per document: twice its length.
 * Past it, block constructs are looked for only within their first line and
 * inline ones not at all, so crafted nesting cannot make reading quadratic.
 */
interface MdxEnv {
  scanBudget?: number;
}

const budgetLeft = (env: MdxEnv, src: string) => (env.scanBudget ??= 2 * src.length + 10_000) > 0;
const charge = (env: MdxEnv, cost: number) => {
  env.scanBudget = (env.scanBudget ?? 0) - cost;
};

/**
 * With no indented code, MDX reads a block at any indentation (a fence or a
 * list indented under `<Step>`): such a line is read by the other rules as if
 * it stood at the current indentation.
 */
function deepIndent(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent < 4) return false;
  const oldIndent = state.blkIndent;
  state.blkIndent = state.sCount[startLine]!;
  try {
    for (const rule of state.md.block.ruler.getRules('')) {
      if (rule !== deepIndent && rule(state, startLine, endLine, silent)) return true;
    }
    return false;
  } finally {
    state.blkIndent = oldIndent;
  }
}

/** `import …` / `export …` at the top level, through its last line (balanced braces, then a blank line). */
function esmBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.blkIndent !== 0 || state.sCount[startLine] !== 0 || state.parentType !== 'root') return false;
  const start = state.bMarks[startLine]!;
  const src = state.src;
  if (!/^(import|export)[\s{*]/.test(src.slice(start, start + 8))) return false;
  if (silent) return true;
  let depth = 0;
  let line = startLine;
  for (; line < endLine; line++) {
    const from = state.bMarks[line]! + state.tShift[line]!;
    const to = state.eMarks[line]!;
    if (from >= to && depth <= 0) break;
    for (let i = from; i < to; i++) {
      const c = src.charCodeAt(i);
      if (c === 0x7b || c === 0x28 || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x29 || c === 0x5d) depth--;
    }
  }
  state.line = line;
  return true;
}

/**
 * A line that holds only JSX tags and `{expressions}` (which may run over
 * several lines): consumed, leaving the titles its tags display. The children
 * of a tag, on the following lines, are read as markdown.
 */
function flowBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean, titleAttributes: readonly string[]): boolean {
  const src = state.src;
  const env = state.env as MdxEnv;
  let pos = state.bMarks[startLine]! + state.tShift[startLine]!;
  const first = src.charCodeAt(pos);
  if (first !== 0x3c && first !== 0x7b) return false;
  const lineStart = pos;
  const limit = budgetLeft(env, src) ? (state.eMarks[endLine - 1] ?? src.length) : state.eMarks[startLine]!;
  const titles: string[] = [];
  let skipped: string | null = null; // an element the page's reader skips, read past to its close
  for (;;) {
    while (pos < limit && (src.charCodeAt(pos) === 0x20 || src.charCodeAt(pos) === 0x09)) pos++;
    const c = src.charCodeAt(pos);
    if (pos >= limit || c === 0x0a) break;
    let end: number;
    if (c === 0x3c) {
      const tag = scanJsxTag(src, pos, limit);
      if (tag.end < 0) return failed(env, tag.stop - lineStart);
      end = tag.end;
      if (!tag.closing) for (const attr of titleAttributes) pushTitle(titles, tag, attr);
      if (skips(tag)) skipped = tag.name;
    } else if (c === 0x7b) {
      const expression = scanExpression(src, pos, limit);
      if (expression.end < 0) return failed(env, expression.stop - lineStart);
      end = expression.end;
    } else {
      // Text after a tag on the same line: an inline element in a paragraph.
      return failed(env, pos - lineStart);
    }
    pos = end;
    if (skipped) {
      // Past its close, however many lines of markdown it holds (to the end when it never closes, as a browser reads it).
      pos = pastClose(src, skipped, pos, src.length);
      skipped = null;
    }
  }
  if (silent) return true;
  let line = startLine;
  while (line < endLine && state.eMarks[line]! < pos) line++;
  state.line = line + 1;
  for (const title of titles) {
    const token = state.push('docdelta_text', '', 0);
    token.content = title;
    token.map = [startLine, state.line];
  }
  return true;
}

function pushTitle(titles: string[], tag: JsxTag, attr: string) {
  const value = tag.strings.get(attr);
  if (value?.trim()) titles.push(value);
}

function failed(env: MdxEnv, cost: number): false {
  charge(env, cost);
  return false;
}

/** A JSX tag or `{expression}` inside a paragraph: nothing a reader sees (a tag's children stay). */
function inlineJsx(state: StateInline): boolean {
  const c = state.src.charCodeAt(state.pos);
  if (c !== 0x3c && c !== 0x7b) return false;
  const env = state.env as MdxEnv;
  if (!budgetLeft(env, state.src)) return false;
  const tag = c === 0x3c ? scanJsxTag(state.src, state.pos, state.posMax) : null;
  const scan = tag ?? scanExpression(state.src, state.pos, state.posMax);
  if (scan.end < 0) return failed(env, scan.stop - state.pos);
  if (tag && skips(tag)) {
    // Nothing in its place, as the page's reader skips it: `Enter<span aria-hidden> ⏎</span>.` reads "Enter.".
    state.pos = pastClose(state.src, tag.name, tag.end, state.posMax);
    return true;
  }
  state.pos = scan.end;
  return true;
}

/** An element the page's reader skips (`lib/markdown/skipped-tags.ts`), with content to skip. */
function skips(tag: JsxTag): boolean {
  return !tag.closing && !tag.selfClosing && tag.name !== '' && !VOID_ELEMENTS.has(tag.name) && isSkippedTag({ name: tag.name, attributes: tag.strings });
}

/** Index past the matching `</name>` from `from`, or `max` when the element never closes. */
function pastClose(src: string, name: string, from: number, max: number): number {
  const { end } = pastMatchingClose(src, name, from, max);
  return end < 0 ? max : end;
}
