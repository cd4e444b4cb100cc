import type { Page, Worker } from 'playwright-core';
import type { WxtBrowser } from 'wxt/browser';

// These callbacks run inside the extension's service worker, where `chrome` exists.
declare const chrome: WxtBrowser;

/** Reads the badge text of the tab showing `page`, from the service worker. */
export async function badgeText(worker: Worker, page: Page): Promise<string> {
  const url = page.url();
  return worker.evaluate(async (pageUrl) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === pageUrl) ?? tabs.find((t) => t.active) ?? tabs[0];
    return chrome.action.getBadgeText({ tabId: tab!.id! });
  }, url);
}

/** When DocDelta last recorded a view of any page (ms), read from its own IndexedDB. */
export async function lastViewAt(worker: Worker): Promise<number> {
  return worker.evaluate(
    async () => {
      // Opening a database that does not exist yet would create it empty, under the extension's feet.
      if (!(await indexedDB.databases()).some((info) => info.name === 'docdelta')) return 0;
      return new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('docdelta');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('pages')) return resolve(0);
          const request = db.transaction('pages').objectStore('pages').getAll();
          request.onsuccess = () => {
            db.close();
            const pages = request.result as Array<{ views: Array<{ last: number }> }>;
            resolve(Math.max(0, ...pages.flatMap((p) => p.views.map((v) => v.last))));
          };
          request.onerror = () => reject(request.error);
        };
      });
    },
  );
}

/** Sends a keyboard command to the extension as the browser would. */
export async function runCommand(worker: Worker, page: Page, command: string): Promise<void> {
  await worker.evaluate(
    async ({ name, pageUrl }) => {
      const tabs = await chrome.tabs.query({});
      const tab = tabs.find((t) => t.url === pageUrl) ?? tabs[0];
      // chrome.commands.onCommand.dispatch exists in the real browser but not in @types/chrome.
      (chrome.commands.onCommand as unknown as { dispatch: (c: string, t: unknown) => void }).dispatch(name, tab);
    },
    { name: command, pageUrl: page.url() },
  );
}

/**
 * Opens `url` and waits until DocDelta has recorded the visit and drawn its
 * overlay (or found nothing to draw). Returns the badge text.
 */
export async function visitAndSettle(worker: Worker, page: Page, url: string): Promise<string> {
  const before = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  const deadline = Date.now() + 20_000;
  while ((await lastViewAt(worker)) < before) {
    if (Date.now() > deadline) throw new Error(`DocDelta did not record the visit to ${url}`);
    await page.waitForTimeout(100);
  }
  const badge = await badgeText(worker, page);
  if (badge) await page.waitForSelector('docdelta-overlay', { state: 'attached', timeout: 10_000 });
  return badge;
}
