/**
 * Where a change can sit out of the reader's sight: inside a collapsed
 * `<details>` or an inactive tab panel. Highlights there paint once the
 * section opens (they are ranges over the page's own text), but a navigator
 * stepping to them would scroll to nothing, so they are counted apart, and
 * stepping to one scrolls to the summary or tab the reader can open.
 */

/** The closed `<details>` elements and hidden tab panels around `node`, outermost last. */
export function hidingAncestors(node: Node): Element[] {
  const hiding: Element[] = [];
  let child: Node = node;
  for (let element = node.parentElement; element; child = element, element = element.parentElement) {
    // A <details>' own <summary> shows while it is closed.
    if (element.tagName === 'DETAILS' && !(element as HTMLDetailsElement).open && !(child instanceof Element && child.tagName === 'SUMMARY')) hiding.push(element);
    else if (element.getAttribute('role') === 'tabpanel' && element.hasAttribute('hidden')) hiding.push(element);
  }
  return hiding;
}

export const isTucked = (node: Node): boolean => hidingAncestors(node).length > 0;

/**
 * What the reader sees in place of a tucked-away node: the outermost closed
 * `<details>`' own `<summary>`, or the tab that shows the hidden panel. The
 * page is never changed (no `open`, no click): the navigator scrolls to this
 * and names it, and the reader opens it.
 */
export function standIn(node: Node): Element | null {
  const outermost = hidingAncestors(node).at(-1);
  if (!outermost) return null;
  if (outermost.tagName === 'DETAILS') return outermost.querySelector(':scope > summary') ?? outermost;
  return tabFor(outermost) ?? outermost.parentElement;
}

/** The tab that shows a panel (never clicked by DocDelta): the one naming it in aria-controls, else the one at the same place in its tab list. */
function tabFor(panel: Element): HTMLElement | null {
  if (panel.id) {
    const named = [...panel.ownerDocument.querySelectorAll<HTMLElement>('[role="tab"][aria-controls]')].find((tab) => tab.getAttribute('aria-controls') === panel.id);
    if (named) return named;
  }
  // Docusaurus and others: a tab list, then the panels, under one container and in the same order.
  for (let container = panel.parentElement; container; container = container.parentElement) {
    const list = container.querySelector('[role="tablist"]');
    if (!list) continue;
    const panels = [...container.querySelectorAll('[role="tabpanel"]')].filter((p) => nearestTabContainer(p) === container);
    const tabs = [...list.querySelectorAll<HTMLElement>('[role="tab"]')];
    const index = panels.indexOf(panel);
    return index >= 0 && tabs.length === panels.length ? tabs[index]! : null;
  }
  return null;
}

function nearestTabContainer(panel: Element): Element | null {
  for (let container = panel.parentElement; container; container = container.parentElement) {
    if (container.querySelector('[role="tablist"]')) return container;
  }
  return null;
}
