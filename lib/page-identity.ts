/**
 * The key a page's history is stored under. Two URLs a reader would call "the
 * same page" must give the same key: tracking parameters, fragments, a
 * trailing slash or index.html, and a same-origin canonical link are ignored.
 */
const TRACKING_PARAMS = /^(utm_[a-z_]+|gclid|fbclid|msclkid|mc_cid|mc_eid|_ga|_gl|ref|ref_src|source|igshid|yclid|si)$/i;

export function pageKey(href: string, canonicalHref?: string | null): string {
  const url = new URL(href);
  const canonical = sameOriginCanonical(url, canonicalHref);
  return normalizeUrl(canonical ?? url);
}

function sameOriginCanonical(url: URL, canonicalHref?: string | null): URL | null {
  if (!canonicalHref) return null;
  try {
    const canonical = new URL(canonicalHref, url);
    // Another origin's canonical could merge unrelated histories; ignore it.
    return canonical.origin === url.origin ? canonical : null;
  } catch {
    return null;
  }
}

function normalizeUrl(url: URL): string {
  const params = [...url.searchParams].filter(([name]) => !TRACKING_PARAMS.test(name));
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let path = url.pathname.replace(/\/index\.html?$/i, '/').replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/$/, '');
  const query = params.length ? '?' + new URLSearchParams(params).toString() : '';
  // http and https serve the same docs; the key drops the scheme.
  return `${url.hostname.toLowerCase()}${url.port ? ':' + url.port : ''}${path}${query}`;
}
