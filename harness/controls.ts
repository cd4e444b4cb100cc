// Finding what a reader finds: a control by its accessible name, or an element by CSS, waiting
// for it to appear. The same page-side finder serves both drivers (Firefox over BiDi has no role
// locators in puppeteer, and its extension pages refuse puppeteer's own waits: see waitInPage).

/**
 * Runs in the page (so it refers to nothing outside itself): the control (button, input, select,
 * link, or anything with a role) whose name matches `source`, in `scope` or anywhere, open shadow roots included.
 */
export function findControl({ source, scope }: { source: string; scope: string }): HTMLElement | null {
  const matches = new RegExp(source);
  const nameOf = (element: HTMLElement) =>
    (element.getAttribute('aria-label') ?? ((element as HTMLInputElement).labels?.[0] ? [...(element as HTMLInputElement).labels![0]!.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('') : element.textContent) ?? '').trim();
  const roots: Array<Document | ShadowRoot | Element> = scope ? [...document.querySelectorAll(scope)] : [document];
  while (roots.length) {
    const root = roots.shift()!;
    if (root instanceof Element && root.shadowRoot) roots.push(root.shadowRoot);
    for (const element of root.querySelectorAll<HTMLElement>('*')) {
      if (element.shadowRoot) roots.push(element.shadowRoot);
      if (element.matches('button, input, select, a, [role]') && matches.test(nameOf(element))) return element;
    }
  }
  return null;
}

/** `name` as the pattern findControl takes: a string matches the whole name. */
export const namePattern = (name: string | RegExp): string => (typeof name === 'string' ? `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : name.source);

/** Asks `attempt` every 100 ms until it gives something, or fails naming `what` (a hang, not a speed check). */
export async function retry<T>(attempt: () => Promise<T | null | undefined>, what: string, limit = 20_000): Promise<T> {
  for (const deadline = Date.now() + limit; ; ) {
    const found = await attempt().catch(() => null);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${limit} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
