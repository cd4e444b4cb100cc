import { REMOVED_TAG } from './names';

/** Containers in which a block element may get a sibling of ours without breaking layout. */
const FLOW_CONTAINERS = new Set([
  'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'FIELDSET', 'FIGURE',
  'FOOTER', 'FORM', 'HEADER', 'LI', 'MAIN', 'SECTION', 'TD', 'TH',
]);

/**
 * The element next to which ghost text for a block may stand: the block
 * itself, or the ancestor that is a direct child of a flow container (a
 * table cell's table, a code line's <pre>). List items qualify: a block of
 * ours inside a list renders without a bullet.
 */
export function insertionHost(blockElement: Element, root: Element): Element {
  let element = blockElement;
  while (element !== root) {
    const parent = element.parentElement;
    if (!parent) break;
    if (parent === root || element.tagName === 'LI' || FLOW_CONTAINERS.has(parent.tagName)) return element;
    element = parent;
  }
  return root;
}

const isOurs = (node: Node | null) => node?.nodeType === 1 && (node as Element).tagName === REMOVED_TAG.toUpperCase();

/** Puts `ghost` right after `host` (after any ghosts already there), or at the root's end. */
export function placeAfter(ghost: Element, host: Element, root: Element): void {
  if (host === root) {
    root.appendChild(ghost);
    return;
  }
  let reference = host.nextSibling;
  while (isOurs(reference)) reference = reference!.nextSibling;
  host.parentNode!.insertBefore(ghost, reference);
}

/** Puts `ghost` right before `host`, or at the root's start. */
export function placeBefore(ghost: Element, host: Element, root: Element): void {
  if (host === root) root.insertBefore(ghost, root.firstChild);
  else host.parentNode!.insertBefore(ghost, host);
}
