export interface SettleOptions {
  /** How long the page must go without DOM changes. */
  quietMs: number;
  /** Give up waiting for quiet after this long (pages with clocks never settle). */
  capMs: number;
}

export const defaultSettle: SettleOptions = { quietMs: 400, capMs: 4000 };

/**
 * Resolves once the document has loaded and its DOM has been quiet for a
 * moment, so a page that renders its article late (React, Next.js) is read
 * whole. Rejects with an AbortError if `signal` aborts first.
 */
export function waitForSettle(doc: Document, signal: AbortSignal, options: SettleOptions = defaultSettle): Promise<void> {
  const view = doc.defaultView!;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    let quietTimer = 0;
    let capTimer = 0;
    const observer = new MutationObserver(() => {
      view.clearTimeout(quietTimer);
      quietTimer = view.setTimeout(done, options.quietMs);
    });
    const cleanup = () => {
      observer.disconnect();
      view.clearTimeout(quietTimer);
      view.clearTimeout(capTimer);
      signal.removeEventListener('abort', aborted);
    };
    function done() {
      cleanup();
      resolve();
    }
    function aborted() {
      cleanup();
      reject(signal.reason);
    }
    const watch = () => {
      if (signal.aborted) return;
      observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
      quietTimer = view.setTimeout(done, options.quietMs);
      capTimer = view.setTimeout(done, options.capMs);
    };
    signal.addEventListener('abort', aborted, { once: true });
    if (doc.readyState === 'complete') watch();
    else view.addEventListener('load', watch, { once: true, signal });
  });
}
