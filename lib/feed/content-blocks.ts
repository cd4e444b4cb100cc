import type { Block } from '../blocks';
import { normalizeText } from '../extract/normalize-text';
import { markdownToBlocks } from '../markdown/markdown-blocks';
import type { SiteRule } from '../sites/site-rule';
import type { VersionEntry } from './feed-schema';
import { htmlBlocks } from './html-blocks';

/**
 * A feed version's content as blocks. Markdown is parsed; HTML is read like
 * the live page (its content root, with the site's rules; never rendered);
 * plain text is one paragraph per line.
 */
export function contentBlocks(type: VersionEntry['type'], bytes: Uint8Array, site: SiteRule | undefined): Block[] {
  const text = new TextDecoder().decode(bytes);
  if (type === 'markdown') return markdownToBlocks(text, site?.markdown);
  if (type === 'html') return htmlBlocks(text, site);
  return text.split('\n').map((line) => normalizeText(line)).filter(Boolean).map((line) => ({ kind: 'paragraph' as const, level: 0, text: line }));
}
