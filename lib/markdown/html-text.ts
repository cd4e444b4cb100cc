import { decodeHTML } from 'entities';
import { htmlAttributes, isSkippedTag, pastMatchingClose, VOID_ELEMENTS } from './skipped-tags';
import { BLOCK_TAGS as PAGE_BLOCK_TAGS } from '../extract/block-elements';

/** Where a block of text ends: the live page reader's block elements (one list for both readers), and a line break. */
const BLOCK_TAGS = new Set([...PAGE_BLOCK_TAGS].map((tag) => tag.toLowerCase()).concat('br'));

/**
 * An element the page's reader skips that opened in one HTML block of a markdown source and
 * has not closed yet (`<div hidden>`, then markdown, then `</div>`): what comes before its
 * close is not read. Carried from one HTML block to the next by the caller.
 */
export interface OpenSkip {
  skipping: { name: string; depth: number } | null;
}

/**
 * The readable text of raw HTML inside markdown, as lines split where
 * block-level tags stand. Tags are dropped, never interpreted; comments and
 * whatever the page's reader skips (`lib/markdown/skipped-tags.ts`: scripts,
 * `hidden` panes, buttons, …) contribute nothing. One forward pass: every
 * search starts where the last one ended, so hostile HTML (thousands of `<!--`
 * or `<script` with no end) is read in linear time.
 */
export function htmlTextLines(html: string, open: OpenSkip = { skipping: null }): string[] {
  const lines: string[] = [];
  const lower = html.toLowerCase();
  let current = '';
  let pos = 0;
  if (open.skipping) {
    const { end, depth } = pastMatchingClose(lower, open.skipping.name, 0, html.length, open.skipping.depth);
    if (end < 0) {
      open.skipping.depth = depth;
      return [];
    }
    open.skipping = null;
    pos = end;
  }
  // The next `>`, remembered: many `<` before one `>` must not each search again.
  let nextClose = -1;
  while (pos < html.length) {
    const start = html.indexOf('<', pos);
    if (start < 0) break;
    current += decodeHTML(html.slice(pos, start));
    if (html.startsWith('<!--', start)) {
      const close = html.indexOf('-->', start + 4);
      pos = close < 0 ? html.length : close + 3;
      continue;
    }
    if (nextClose <= start) nextClose = html.indexOf('>', start + 1);
    const close = nextClose;
    // No `>` anywhere after: the rest is text, as a browser shows it.
    if (close < 0) {
      pos = start;
      break;
    }
    const name = tagName(lower, start, close);
    if (name === null) {
      // `<` that starts no tag (`a < b`) is text.
      current += '<';
      pos = start + 1;
      continue;
    }
    const opening = lower.charCodeAt(start + 1) !== 0x2f;
    const selfClosing = html.charCodeAt(close - 1) === 0x2f;
    if (opening && !selfClosing && !VOID_ELEMENTS.has(name) && isSkippedTag({ name, attributes: htmlAttributes(html.slice(start + 1 + name.length, close)) })) {
      const { end, depth } = pastMatchingClose(lower, name, close + 1, html.length);
      if (end < 0) {
        // Closes in a later HTML block, or never (as a browser reads it, to the end).
        open.skipping = { name, depth };
        pos = html.length;
        break;
      }
      pos = end;
      continue;
    }
    if (BLOCK_TAGS.has(name)) {
      lines.push(current);
      current = '';
    }
    pos = close + 1;
  }
  if (pos < html.length) current += decodeHTML(html.slice(pos));
  lines.push(current);
  return lines;
}

/** The lower-case name of the tag between `open` (`<`) and `close` (`>`), or null when it is not a tag. */
function tagName(lower: string, open: number, close: number): string | null {
  let i = open + 1;
  if (lower.charCodeAt(i) === 0x2f) i++;
  const start = i;
  while (i < close) {
    const c = lower.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (i > start && ((c >= 0x30 && c <= 0x39) || c === 0x2d))) i++;
    else break;
  }
  return i > start ? lower.slice(start, i) : null;
}
