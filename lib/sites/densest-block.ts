/** Elements whose text is the article's, not the page's frame. */
const PROSE = 'p, pre, li, h2, h3, h4, blockquote, td';
const FRAME = 'nav, header, footer, aside, [role="navigation"], [role="banner"], [role="contentinfo"]';
/** List items and cells count for the list or table's container. */
const LIST_PARTS = /^(UL|OL|TR|TBODY|TABLE|THEAD)$/;

interface Visit {
  element: Element;
  parent: Visit | null;
  inFrame: boolean;
  /** The nearest element at or above this one that is not part of a list or table. */
  aboveLists: Element | null;
}

/**
 * A readability-style guess at the article when no known selector matches:
 * the element whose own prose children (paragraphs, code, list items,
 * headings) hold the most text, outside the page's navigation and footer.
 *
 * Two passes over the elements, each visiting every node once, so linear in
 * the page's size even when a hostile page nests list items a hundred
 * thousand deep (asking each one for its textContent or its closest() frame
 * would be quadratic there). No recursion, so depth cannot exhaust the stack.
 */
export function densestBlock(doc: Document, minChars: number): Element | null {
  const body = doc.body;
  if (!body) return null;
  const order: Visit[] = [];
  const stack: Visit[] = [{ element: body, parent: null, inFrame: body.matches(FRAME), aboveLists: LIST_PARTS.test(body.tagName) ? null : body }];
  while (stack.length) {
    const visit = stack.pop()!;
    order.push(visit);
    for (let child = visit.element.lastElementChild; child; child = child.previousElementSibling) {
      stack.push({
        element: child,
        parent: visit,
        inFrame: visit.inFrame || child.matches(FRAME),
        aboveLists: LIST_PARTS.test(child.tagName) ? visit.aboveLists : child,
      });
    }
  }
  // Children come after their parent in `order`, so walking it backwards sums each
  // element's text (what textContent would count) from its children's sums.
  const textLength = new Map<Element, number>();
  const textBy = new Map<Element, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const { element, parent, inFrame } = order[i]!;
    let length = textLength.get(element) ?? 0;
    for (let node = element.firstChild; node; node = node.nextSibling) if (node.nodeType === 3) length += (node as Text).data.length;
    if (parent) textLength.set(parent.element, (textLength.get(parent.element) ?? 0) + length);
    if (!parent || inFrame || !element.matches(PROSE)) continue;
    const holder = parent.aboveLists;
    if (holder) textBy.set(holder, (textBy.get(holder) ?? 0) + length);
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
