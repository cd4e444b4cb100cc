import { parseHTML } from 'linkedom';
import type { Block } from '../blocks';
import { extractBlocks, plainBlocks } from '../extract/extract-blocks';
import { findContentRoot, ignoreSelector } from '../sites/find-site';
import type { SiteRule } from '../sites/site-rule';
import { checkHtmlShape } from './html-shape';

/**
 * A feed's HTML version as blocks, read exactly as the live page is read:
 * the site's content root, its ignore rules, the same block walk. The
 * background has no DOM, so the HTML is parsed by linkedom (a parser only:
 * nothing in it runs, loads or renders). A fragment without a recognizable
 * content root (an article's HTML alone) is read whole. HTML nested deeper
 * than a browser would nest it, or larger than any page, is refused
 * (HtmlRefusedError).
 */
export function htmlBlocks(html: string, site: SiteRule | undefined): Block[] {
  checkHtmlShape(html);
  const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`);
  const doc = document as unknown as Document;
  const root = findContentRoot(doc, site) ?? doc.body;
  if (!root) return [];
  return plainBlocks(extractBlocks(root, ignoreSelector(site)));
}
