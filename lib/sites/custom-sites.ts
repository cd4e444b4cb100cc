import { parse } from 'tldts';
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

const PATTERN = /^(https?):\/\/([^/]+)(\/.*)$/i;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_PATTERN = 300;
const MAX_PATH_STARS = 4;

/**
 * Whether anyone can have a site under `host` (`com`, `co.il`, `github.io`, `ngrok.io`): a
 * public suffix by the Public Suffix List, its ICANN and private sections both (tldts carries
 * the list and is updated with the project's dependencies). "*." before such a host would
 * track every stranger's site under it.
 */
function isPublicSuffix(host: string): boolean {
  const { domain, publicSuffix } = parse(host, { allowPrivateDomains: true });
  return domain === null || publicSuffix === host;
}

/** Why a pattern's host cannot be used, or null. */
function hostProblem(hostAndPort: string): string | null {
  const colon = hostAndPort.lastIndexOf(':');
  const host = colon > 0 ? hostAndPort.slice(0, colon) : hostAndPort;
  if (colon > 0) {
    const port = hostAndPort.slice(colon + 1);
    if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return `"${port}" is not a port`;
  }
  const wildcard = host.startsWith('*.');
  const labels = (wildcard ? host.slice(2) : host).split('.');
  if (!labels.every((label) => LABEL.test(label))) return `"${host}" is not a host name`;
  if (wildcard && (labels.length < 2 || isPublicSuffix(labels.join('.')))) return `"${host}" would track everyone's sites under ${labels.join('.')}`;
  return null;
}

/**
 * The match pattern for what the reader typed: a page URL tracks its whole
 * host; a pattern is taken as it is, if the browser would accept it (http or
 * https, one host, optionally "*." before it, never every host or everyone's
 * sites under a shared host, at most four "*" in its path).
 */
export function patternFromInput(input: string): string {
  const text = input.trim();
  if (text.includes('*')) {
    const match = PATTERN.exec(text);
    const usage = `"${text}" is not a pattern DocDelta can use; write it like https://docs.example.com/*`;
    if (!match || text.length > MAX_PATTERN || match[2]!.slice(2).includes('*')) throw new SiteInputError(usage);
    const problem = hostProblem(match[2]!.toLowerCase());
    if (problem) throw new SiteInputError(`${usage} (${problem})`);
    if (match[3]!.split('*').length - 1 > MAX_PATH_STARS) throw new SiteInputError(`${usage} (at most ${MAX_PATH_STARS} "*" in the path)`);
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
  if (!match || pattern.length > MAX_PATTERN) return false;
  const [, scheme, host, path] = match;
  if (url.protocol !== `${scheme}:`) return false;
  const hostOk = host!.startsWith('*.') ? url.host === host!.slice(2) || url.host.endsWith(host!.slice(1)) : url.host === host;
  return hostOk && globMatches(path!, url.pathname + url.search);
}

/**
 * `*` matches any run of characters. Matched by segments between stars, each
 * found with indexOf from where the last one ended (taking the first place a
 * segment fits never loses a match), so a page-controlled path costs at most
 * its length per segment: no regular expression, no backtracking.
 */
export function globMatches(glob: string, text: string): boolean {
  const parts = glob.split('*');
  if (parts.length === 1) return glob === text;
  const first = parts[0]!;
  const last = parts.at(-1)!;
  if (!text.startsWith(first) || !text.endsWith(last) || text.length < first.length + last.length) return false;
  let position = first.length;
  const end = text.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, position);
    if (found < 0 || found + part.length > end) return false;
    position = found + part.length;
  }
  return true;
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
