import type { Block } from '../blocks';
import { normalizeText } from '../extract/normalize-text';
import { markdownToBlocks } from '../markdown/markdown-blocks';
import type { SiteRule } from '../sites/site-rule';
import { htmlBlocks } from './html-blocks';

/**
 * A published version's content as blocks (a feed's version, an archive's capture, a
 * repository's file). Markdown is parsed; HTML is read like
 * the live page (its content root, with the site's rules; never rendered);
 * plain text is one paragraph per line.
 */
/** How a published version's bytes are written. */
export type ContentType = 'markdown' | 'html' | 'text';

export function contentBlocks(type: ContentType, bytes: Uint8Array, site: SiteRule | undefined): Block[] {
  const text = new TextDecoder().decode(bytes);
  if (type === 'markdown') return markdownToBlocks(text, site?.markdown);
  if (type === 'html') return htmlBlocks(text, site);
  return text.split('\n').map((line) => normalizeText(line)).filter(Boolean).map((line) => ({ kind: 'paragraph' as const, level: 0, text: line }));
}
