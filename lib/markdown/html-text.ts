import { decodeHTML } from 'entities';

const BLOCK_TAG = /^<\/?(address|article|aside|blockquote|details|div|dl|dt|dd|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul|br)\b/i;

/**
 * The readable text of raw HTML inside markdown (or JSX components in MDX),
 * as lines split where block-level tags stand. Tags are dropped, never
 * interpreted; scripts, styles and comments contribute nothing.
 */
export function htmlTextLines(html: string): string[] {
  const cleaned = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, '');
  const lines: string[] = [];
  let current = '';
  for (const part of cleaned.split(/(<[^>]*>)/)) {
    if (part.startsWith('<')) {
      if (BLOCK_TAG.test(part)) {
        lines.push(current);
        current = '';
      }
      continue;
    }
    current += decodeHTML(part);
  }
  lines.push(current);
  return lines;
}
