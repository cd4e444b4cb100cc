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
  return articleBlocks(html, site, { wholeWithoutRoot: true }) ?? [];
}

/**
 * Like `htmlBlocks`, but `null` for a page without the site's content root when
 * `wholeWithoutRoot` is off: an archived capture without the article is some other page
 * (an error page, a redirect, a login wall) saved under this address.
 */
export function articleBlocks(html: string, site: SiteRule | undefined, options: { wholeWithoutRoot: boolean }): Block[] | null {
  checkHtmlShape(html);
  const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`);
  const doc = document as unknown as Document;
  const root = findContentRoot(doc, site) ?? (options.wholeWithoutRoot ? doc.body : null);
  if (!root) return options.wholeWithoutRoot ? [] : null;
  return plainBlocks(extractBlocks(root, ignoreSelector(site)));
}
