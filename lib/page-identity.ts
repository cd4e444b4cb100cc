/**
 * The key a page's history is stored under. Two URLs a reader would call "the
 * same page" must give the same key: the query (`?highlight=`, tracking
 * parameters; all but those the page's site rule keeps), fragments, a
 * trailing slash or index.html are ignored, and a canonical link the page's
 * site vouches for names the page.
 */

/** What page identity needs of a site rule: which one it is, and the query parameters that name its pages. */
export interface SiteIdentity {
  id: string;
  keepQuery?: readonly string[];
}

/** The site rule a URL falls under, or undefined: the judge of a canonical link and of the query. */
export type SiteOf = (url: URL) => SiteIdentity | undefined;

export function pageKey(href: string, canonicalHref: string | null = null, siteOf?: SiteOf): string {
  const url = new URL(href);
  const site = siteOf?.(url);
  const canonical = site ? trustedCanonical(url, canonicalHref, site, siteOf!) : null;
  return normalizeUrl(canonical ?? url, new Set(site?.keepQuery ?? []));
}

/**
 * A canonical link is a claim the page makes about itself, so it is honoured
 * only where it cannot reach another page's history: same origin (scheme
 * included) and the same site rule, whose patterns carry the site's path
 * prefix. A page elsewhere on a shared host (another project on github.io, a
 * forum beside the docs) cannot write its text into a docs page's history.
 */
function trustedCanonical(url: URL, canonicalHref: string | null, site: SiteIdentity, siteOf: SiteOf): URL | null {
  if (!canonicalHref) return null;
  let canonical: URL;
  try {
    canonical = new URL(canonicalHref, url);
  } catch {
    return null;
  }
  if (canonical.origin !== url.origin) return null;
  return siteOf(canonical)?.id === site.id ? canonical : null;
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
