/**
 * The key a page's history is stored under. Two URLs a reader would call "the
 * same page" must give the same key: the query (`?highlight=`, tracking
 * parameters; all but those the page's site rule keeps), fragments, a
 * trailing slash or index.html are ignored. A page's canonical link is not
 * read: it is a claim the page makes, and one page of a site naming another
 * (an author's page naming the install guide) would write into that page's
 * history. The address the browser reports is the page.
 */

/** What page identity needs of a site rule: the query parameters that name its pages. */
export interface SiteIdentity {
  keepQuery?: readonly string[];
}

/** The site rule a URL falls under, or undefined: it says which query parameters name its pages. */
export type SiteOf = (url: URL) => SiteIdentity | undefined;

export function pageKey(href: string, siteOf?: SiteOf): string {
  const url = new URL(href);
  return normalizeUrl(url, new Set(siteOf?.(url)?.keepQuery ?? []));
}

function normalizeUrl(url: URL, keepQuery: ReadonlySet<string>): string {
  const params = [...url.searchParams].filter(([name]) => keepQuery.has(name));
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let path = url.pathname.replace(/\/index\.html?$/i, '/').replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/$/, '');
  const query = params.length ? '?' + new URLSearchParams(params).toString() : '';
  // http and https serve the same docs; the key drops the scheme.
  return `${url.hostname.toLowerCase()}${url.port ? ':' + url.port : ''}${path}${query}`;
}
