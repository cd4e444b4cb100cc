/**
 * The page's canonical link, only from `<head>`: a link a page's content puts
 * in its body (user text, an injected widget) must not rename the page's
 * history.
 */
export function canonicalHref(doc: Document): string | null {
  return doc.head?.querySelector<HTMLLinkElement>(':scope > link[rel="canonical"]')?.href ?? null;
}
