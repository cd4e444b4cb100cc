import type { SiteRule } from './site-rule';

/** A docs site the reader added ("Track this site", or Options → Add a site). */
export interface CustomSite {
  id: string;
  name: string;
  /** A match pattern: https://docs.example.com/* or https://docs.example.com/guide/* */
  pattern: string;
  /** CSS selector of the article, when the generic ones do not find it. */
  contentSelector: string | null;
}

export class SiteInputError extends Error {
  override name = 'SiteInputError';
}

const PATTERN = /^(https?):\/\/(\*|(?:\*\.)?[a-z0-9.-]+(?::\d+)?)(\/.*)$/i;

/**
 * The match pattern for what the reader typed: a page URL tracks its whole
 * host; a pattern is taken as it is, if the browser would accept it (http or
 * https, one host, optionally "*." before it, never every host).
 */
export function patternFromInput(input: string): string {
  const text = input.trim();
  if (text.includes('*')) {
    const match = PATTERN.exec(text);
    if (!match || match[2] === '*') throw new SiteInputError(`"${text}" is not a pattern DocDelta can use; write it like https://docs.example.com/*`);
    return `${match[1]!.toLowerCase()}://${match[2]!.toLowerCase()}${match[3]}`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SiteInputError(`"${text}" is not a web address`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SiteInputError('only http and https sites can be tracked');
  return `${url.protocol}//${url.host}/*`;
}

/** Whether a URL falls under a match pattern (scheme, host with optional "*.", path glob). */
export function patternMatches(pattern: string, url: URL): boolean {
  const match = PATTERN.exec(pattern);
  if (!match) return false;
  const [, scheme, host, path] = match;
  if (url.protocol !== `${scheme}:`) return false;
  const hostOk = host!.startsWith('*.') ? url.host === host!.slice(2) || url.host.endsWith(host!.slice(1)) : url.host === host;
  const glob = new RegExp(`^${path!.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return hostOk && glob.test(url.pathname + url.search);
}

/** A selector the page's own document can run; anything else is refused before it is stored. */
export function checkSelector(selector: string | null, parse: (s: string) => void): string | null {
  const text = selector?.trim() ?? '';
  if (!text) return null;
  if (text.length > 500) throw new SiteInputError('the content selector is too long');
  try {
    parse(text);
  } catch {
    throw new SiteInputError(`"${text}" is not a CSS selector`);
  }
  return text;
}

export function customSite(pattern: string, contentSelector: string | null): CustomSite {
  const host = PATTERN.exec(pattern)![2]!;
  return { id: `custom:${pattern}`, name: host.replace(/^\*\./, ''), pattern, contentSelector };
}

/** The same shape as a built-in site, for everything that reads a site's rules. */
export function customSiteRule(site: CustomSite): SiteRule {
  return {
    id: site.id,
    name: site.name,
    patterns: [site.pattern],
    matches: (url) => patternMatches(site.pattern, url),
    contentRoots: site.contentSelector ? [site.contentSelector] : [],
    examples: [],
  };
}

/** The host permission a pattern needs (host permissions ignore paths). */
export const originOf = (pattern: string): string => pattern.replace(/^([a-z]+:\/\/[^/]+)\/.*$/i, '$1/*');
