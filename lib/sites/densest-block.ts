/** Elements whose text is the article's, not the page's frame. */
const PROSE = 'p, pre, li, h2, h3, h4, blockquote, td';
const FRAME = 'nav, header, footer, aside, [role="navigation"], [role="banner"], [role="contentinfo"]';

/**
 * A readability-style guess at the article when no known selector matches:
 * the element whose own prose children (paragraphs, code, list items,
 * headings) hold the most text, outside the page's navigation and footer.
 * One pass over the prose elements, so linear in the page's size.
 */
export function densestBlock(doc: Document, minChars: number): Element | null {
  const textBy = new Map<Element, number>();
  for (const element of doc.body?.querySelectorAll(PROSE) ?? []) {
    const parent = element.parentElement;
    if (!parent || element.closest(FRAME)) continue;
    // List items and cells count for the list or table's container.
    const holder = /^(UL|OL|TR|TBODY|TABLE|THEAD)$/.test(parent.tagName) ? parent.closest(':not(ul, ol, tr, tbody, table, thead)') : parent;
    if (!holder) continue;
    textBy.set(holder, (textBy.get(holder) ?? 0) + (element.textContent?.length ?? 0));
  }
  let best: Element | null = null;
  let bestChars = minChars - 1;
  for (const [element, chars] of textBy) {
    if (chars > bestChars) {
      best = element;
      bestChars = chars;
    }
  }
  return best;
}
