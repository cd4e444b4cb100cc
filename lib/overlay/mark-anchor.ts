/** Containers whose children stand as whole boxes, one under the other. */
const FLOW_CONTAINERS = new Set([
  'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'FIELDSET', 'FIGURE',
  'FOOTER', 'FORM', 'HEADER', 'LI', 'MAIN', 'SECTION', 'TD', 'TH',
]);

/**
 * The element a removed mark for a block is drawn against: the block
 * itself, or the ancestor that is a direct child of a flow container (a
 * table cell's table, a code line's <pre>), so the mark stands between
 * whole boxes, never inside a table or a code listing. List items qualify.
 */
export function markAnchor(blockElement: Element, root: Element): Element {
  let element = blockElement;
  while (element !== root) {
    const parent = element.parentElement;
    if (!parent) break;
    if (parent === root || element.tagName === 'LI' || FLOW_CONTAINERS.has(parent.tagName)) return element;
    element = parent;
  }
  return root;
}
