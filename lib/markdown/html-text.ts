import { decodeHTML } from 'entities';

const BLOCK_TAGS = new Set(
  'address article aside blockquote br details div dl dt dd figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul'.split(' '),
);
const HIDDEN_TAGS = ['script', 'style', 'template'];

/**
 * The readable text of raw HTML inside markdown, as lines split where
 * block-level tags stand. Tags are dropped, never interpreted; scripts,
 * styles, templates and comments contribute nothing. One forward pass: every
 * search starts where the last one ended, so hostile HTML (thousands of `<!--`
 * or `<script` with no end) is read in linear time.
 */
export function htmlTextLines(html: string): string[] {
  const lines: string[] = [];
  const lower = html.toLowerCase();
  let current = '';
  let pos = 0;
  // The next `>`, remembered: many `<` before one `>` must not each search again.
  let nextClose = -1;
  while (pos < html.length) {
    const open = html.indexOf('<', pos);
    if (open < 0) break;
    current += decodeHTML(html.slice(pos, open));
    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4);
      pos = close < 0 ? html.length : close + 3;
      continue;
    }
    if (nextClose <= open) nextClose = html.indexOf('>', open + 1);
    const close = nextClose;
    // No `>` anywhere after: the rest is text, as a browser shows it.
    if (close < 0) {
      pos = open;
      break;
    }
    const name = tagName(lower, open, close);
    if (name === null) {
      // `<` that starts no tag (`a < b`) is text.
      current += '<';
      pos = open + 1;
      continue;
    }
    if (HIDDEN_TAGS.includes(name) && lower.charCodeAt(open + 1) !== 0x2f) {
      const end = lower.indexOf(`</${name}`, close + 1);
      const endClose = end < 0 ? -1 : lower.indexOf('>', end);
      pos = endClose < 0 ? html.length : endClose + 1;
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
