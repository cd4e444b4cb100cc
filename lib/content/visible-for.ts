/**
 * Resolves once `doc` has been visible for `ms` milliseconds in all (time in
 * a background tab does not count); rejects if `signal` aborts first.
 *
 * A page can change its URL with history.pushState as often as it likes, and
 * each URL would be a new page to store. Reading a client-side navigation only
 * after the reader has had it on screen for a moment means a script cycling
 * through URLs stores nothing, and a reader who really opened the page loses
 * only that moment.
 */
export function visibleFor(doc: Document, ms: number, signal: AbortSignal): Promise<void> {
  const view = doc.defaultView!;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    if (ms <= 0) return resolve();
    let left = ms;
    let since = 0;
    let timer = 0;
    const pause = () => {
      if (!timer) return;
      view.clearTimeout(timer);
      timer = 0;
      left -= performance.now() - since;
    };
    const resume = () => {
      if (timer || doc.visibilityState !== 'visible') return;
      since = performance.now();
      timer = view.setTimeout(done, Math.max(0, left));
    };
    const onVisibility = () => (doc.visibilityState === 'visible' ? resume() : pause());
    const cleanup = () => {
      view.clearTimeout(timer);
      doc.removeEventListener('visibilitychange', onVisibility);
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
    signal.addEventListener('abort', aborted, { once: true });
    doc.addEventListener('visibilitychange', onVisibility);
    resume();
  });
}
