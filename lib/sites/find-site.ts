import { builtinSites } from './builtin-sites';
import { genericContentRoots, genericIgnore } from './generic-docs';
import { densestBlock } from './densest-block';
import type { SiteRule } from './site-rule';

export function findSite(url: URL, sites: readonly SiteRule[] = builtinSites): SiteRule | undefined {
  return sites.find((site) => site.matches(url));
}

/** Every manifest match pattern of the given sites. */
export function contentScriptPatterns(sites: readonly SiteRule[] = builtinSites): string[] {
  return [...new Set(sites.flatMap((site) => site.patterns))];
}

/** A page shorter than this is a stub or an error page, not an article. */
const MIN_ARTICLE_CHARS = 80;

/**
 * The element that holds the article: the site's own selectors first, then
 * the generic docs-generator ones, then the block densest in prose, so a
 * tracked site built by a generator DocDelta does not know still gets read.
 */
export type ReadingRule = Pick<SiteRule, 'contentRoots' | 'ignore'>;

export function findContentRoot(doc: Document, site: ReadingRule | undefined): Element | null {
  const selectors = [...(site?.contentRoots ?? []), ...genericContentRoots];
  for (const selector of selectors) {
    const element = doc.querySelector(selector);
    if (element && (element.textContent ?? '').trim().length >= MIN_ARTICLE_CHARS) return element;
  }
  return densestBlock(doc, MIN_ARTICLE_CHARS);
}

export function ignoreSelector(site: ReadingRule | undefined): string {
  return [...genericIgnore, ...(site?.ignore ?? [])].join(',');
}
