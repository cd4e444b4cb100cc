import type { Block } from '../blocks';
import { normalizeText } from '../extract/normalize-text';
import { htmlTextLines } from '../markdown/html-text';
import { markdownToBlocks } from '../markdown/markdown-blocks';
import type { VersionEntry } from './feed-schema';

/**
 * A feed version's content as blocks. Markdown is parsed; plain text is one
 * paragraph per line; HTML is reduced to its text lines (the background has
 * no DOM, and a feed's HTML is never rendered anyway).
 */
export function contentBlocks(type: VersionEntry['type'], bytes: Uint8Array): Block[] {
  const text = new TextDecoder().decode(bytes);
  if (type === 'markdown') return markdownToBlocks(text);
  const lines = type === 'html' ? htmlTextLines(text) : text.split('\n');
  return lines.map((line) => normalizeText(line)).filter(Boolean).map((line) => ({ kind: 'paragraph' as const, level: 0, text: line }));
}
