import type { Page, Worker } from 'playwright-core';
import puppeteer, { type Page as PuppeteerPage } from 'puppeteer-core';
import type { WxtBrowser } from 'wxt/browser';
import { overlayText } from './layer-reader';

// These callbacks run inside the extension's service worker, where `chrome` exists.
declare const chrome: WxtBrowser;

/**
 * The id of the tab showing `page`. DocDelta has no "tabs" permission, so tab
 * URLs are hidden from it: bring the page to the front and take the active tab.
 */

/**
 * Where a test runs code in DocDelta's own origin: Chromium's service worker, or one of
 * DocDelta's pages (Firefox, whose background a test cannot reach). Both see its IndexedDB.
 */
export interface ExtensionContext {
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
}

export async function tabIdOf(worker: ExtensionContext, page: Page): Promise<number> {
  await page.bringToFront();
  return worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab!.id!;
  });
}

/** Reads the badge text of the tab showing `page`, from the service worker. */
export async function badgeText(worker: ExtensionContext, page: Page): Promise<string> {
  const tabId = await tabIdOf(worker, page);
  return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** When DocDelta last recorded a view of any page (ms), read from its own IndexedDB. */
export async function lastViewAt(worker: ExtensionContext): Promise<number> {
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

/**
 * Calls `method` of the background's console API (`globalThis.docdelta`, see lib/background):
 * directly in Chromium's service worker; from a DocDelta page in Firefox, through the event page.
 * By name, since extension code may not compile a function sent as text (no eval under its CSP).
 */
function callBackground<K extends keyof DocDeltaConsole>(extension: ExtensionContext, method: K, ...args: Parameters<DocDeltaConsole[K]>): Promise<Awaited<ReturnType<DocDeltaConsole[K]>>> {
  return extension.evaluate(
    async ({ name, values }) => {
      type Api = Record<string, (...args: unknown[]) => unknown>;
      type Runtime = { getBackgroundPage: () => Promise<{ docdelta: Api }> };
      const runtime = (globalThis as unknown as { browser?: { runtime: Runtime } }).browser?.runtime;
      const api = 'docdelta' in globalThis ? (globalThis as unknown as { docdelta: Api }).docdelta : (await runtime!.getBackgroundPage()).docdelta;
      return api[name]!(...values) as never;
    },
    { name: method as string, values: args as unknown[] },
  );
}

/**
 * When the background last answered a page's visit (ms; 0 when never): the badge is set by
 * then, and a first visit's feed was read. Through the background's own console API.
 */
export function lastAnswerAt(extension: ExtensionContext): Promise<number> {
  return callBackground(extension, 'lastAnswerAt');
}

/** When any configured feed was last synced (ms; 0 when never), through the background's own API. */
export async function lastFeedSyncAt(extension: ExtensionContext): Promise<number> {
  const feeds = await callBackground(extension, 'listFeeds');
  return Math.max(0, ...feeds.map((feed) => feed.lastSync ?? 0));
}

/** Sends a keyboard command to the extension as the browser would. */
export async function runCommand(worker: ExtensionContext, page: Page, command: string): Promise<void> {
  const tabId = await tabIdOf(worker, page);
  await worker.evaluate(
    async ({ name, id }) => {
      const tab = await chrome.tabs.get(id);
      // The real listeners, called as the browser calls them on a key press.
      (chrome.commands.onCommand as unknown as { dispatch: (c: string, t: unknown) => void }).dispatch(name, tab);
    },
    { name: command, id: tabId },
  );
}

/**
 * Opens `url` and waits until DocDelta has answered the visit (on a first visit
 * to a page of a site with a feed, after reading the feed) and drawn its overlay
 * (or found nothing to draw). Returns the badge text.
 */
export async function visitAndSettle(worker: Worker, page: Page, url: string): Promise<string> {
  const before = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  const deadline = Date.now() + 20_000;
  while ((await lastAnswerAt(worker)) < before) {
    if (Date.now() > deadline) throw new Error(`DocDelta did not answer the visit to ${url}`);
    await page.waitForTimeout(100);
  }
  // The badge is set and the overlay drawn just after the visit is stored:
  // wait until both agree and stay so for a moment.
  let last = '';
  for (;;) {
    const badge = await badgeText(worker, page);
    const shown = await overlayText(page, '.count');
    const state = `${badge}|${shown}`;
    const consistent = badge === '' ? shown === '' : shown.startsWith(`${badge} change`);
    if (consistent && state === last) return badge;
    if (Date.now() > deadline) throw new Error(`Badge "${badge}" and overlay "${shown}" disagree on ${url}`);
    last = consistent ? state : '';
    await page.waitForTimeout(250);
  }
}

/** Moves every stored view (and visit-captured version) `ms` into the past, as if the reader had come back later. */
export async function ageViews(worker: ExtensionContext, ms: number): Promise<void> {
  await worker.evaluate(
    async (shift) => {
      // Nothing stored yet, nothing to age. Opening a database that does not exist would create it
      // empty under the extension's feet, and the transaction below would throw in a callback: a
      // promise that never settles, until the browser stops the idle worker (a CI run hung on it).
      if (!(await indexedDB.databases()).some((info) => info.name === 'docdelta')) return;
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('docdelta');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('pages')) return resolve(db.close());
          const tx = db.transaction(['pages', 'versions'], 'readwrite');
          const store = tx.objectStore('pages');
          const request = store.getAll();
          request.onsuccess = () => {
            for (const page of request.result as Array<{ views: Array<{ first: number; last: number }> }>) {
              for (const view of page.views) {
                view.first -= shift;
                view.last -= shift;
              }
              store.put(page);
            }
          };
          // The versions the reader captured are as old as the visits that captured them.
          const versions = tx.objectStore('versions');
          const all = versions.getAll();
          all.onsuccess = () => {
            for (const version of all.result as Array<{ source: string; capturedAt: number }>) {
              if (version.source !== 'visit') continue;
              version.capturedAt -= shift;
              versions.put(version);
            }
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      });
    },
    ms,
  );
}

/**
 * Clicks the toolbar button on `page`'s tab and returns the real popup that
 * opens. Playwright does not surface extension popups, so this goes through
 * puppeteer on the browser's second CDP endpoint (launch with remoteDebugging):
 * Extensions.triggerAction aimed at the tab target, found by its URL.
 */
export async function clickToolbarButton(browser: { debuggingUrl: string | null; extensionId: string }, page: Page): Promise<{ popup: PuppeteerPage; disconnect: () => Promise<void> }> {
  if (!browser.debuggingUrl) throw new Error('launch the browser with remoteDebugging to click its toolbar');
  await page.bringToFront();
  const remote = await puppeteer.connect({ browserURL: browser.debuggingUrl, defaultViewport: null });
  const cdp = await remote.target().createCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as unknown as { targetInfos: Array<{ targetId: string; url: string }> };
  const target = targetInfos.find((info) => info.url === page.url());
  if (!target) throw new Error(`no tab target for ${page.url()}`);
  await cdp.send('Extensions.triggerAction' as never, { id: browser.extensionId, targetId: target.targetId } as never);
  const popupTarget = await remote.waitForTarget((t) => t.url().startsWith(`chrome-extension://${browser.extensionId}/popup.html`), { timeout: 10_000 });
  const popup = (await popupTarget.asPage())!;
  return { popup, disconnect: () => remote.disconnect() };
}

/** Deletes everything DocDelta stored (pages, versions, feed caches), as a fresh install would have. */
export async function forgetEverything(worker: ExtensionContext): Promise<void> {
  await worker.evaluate(
    async () => {
      if (!(await indexedDB.databases()).some((info) => info.name === 'docdelta')) return;
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('docdelta');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const stores = ['pages', 'versions', 'blocks', 'archives', 'feedFiles', 'settings'].filter((name) => db.objectStoreNames.contains(name));
          const tx = db.transaction(stores, 'readwrite');
          for (const name of stores) tx.objectStore(name).clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      });
    },
  );
}

/** Every page record DocDelta holds (key and views), read from its own IndexedDB. */
export async function storedPages(worker: ExtensionContext): Promise<Array<{ key: string; views: Array<{ version: number; first: number; last: number; mark?: true; unopened?: true; insecure?: true }> }>> {
  return worker.evaluate(async () => {
    if (!(await indexedDB.databases()).some((info) => info.name === 'docdelta')) return [];
    return new Promise((resolve, reject) => {
      const open = indexedDB.open('docdelta');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const request = db.transaction('pages').objectStore('pages').getAll();
        request.onsuccess = () => {
          db.close();
          resolve(request.result);
        };
        request.onerror = () => reject(request.error);
      };
    });
  });
}

/** How many versions and blocks DocDelta holds, read from its own IndexedDB. */
export function storedCounts(worker: ExtensionContext): Promise<{ versions: number; blocks: number }> {
  return worker.evaluate(async () => {
    if (!(await indexedDB.databases()).some((info) => info.name === 'docdelta')) return { versions: 0, blocks: 0 };
    return new Promise((resolve, reject) => {
      const open = indexedDB.open('docdelta');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction(['versions', 'blocks']);
        const versions = tx.objectStore('versions').count();
        const blocks = tx.objectStore('blocks').count();
        tx.oncomplete = () => {
          open.result.close();
          resolve({ versions: versions.result, blocks: blocks.result });
        };
        tx.onerror = () => reject(tx.error);
      };
    });
  });
}

type DocDeltaConsole = {
  lastAnswerAt: () => number;
  listFeeds: () => Promise<Array<{ lastSync: number | null }>>;
  setFeed: (site: string, url: string | null) => Promise<unknown>;
  timeline: (url: string) => Promise<Array<{ versionId: number; time: number; source: string; inFeed: boolean }>>;
  showVersion: (tabId: number, versionId: number) => Promise<void>;
  followChecks: (now: number) => Promise<void>;
};

/** Runs the followed sites' due checks as the alarm does, at a simulated `now` (ms). */
export async function runFollowChecks(extension: ExtensionContext, now: number): Promise<void> {
  await callBackground(extension, 'followChecks', now);
}

/** Redraws the tab's page against a stored version, as choosing it in the popup's timeline does. */
export async function showVersion(extension: ExtensionContext, tabId: number, versionId: number): Promise<void> {
  await callBackground(extension, 'showVersion', tabId, versionId);
}

/** Sets a site's feed through the background's own console API (as Options would). */
export async function setSiteFeed(extension: ExtensionContext, siteId: string, url: string | null): Promise<void> {
  await callBackground(extension, 'setFeed', siteId, url);
}

/** A page's stored versions, newest first, as the popup lists them. */
export function timelineOf(extension: ExtensionContext, url: string): ReturnType<DocDeltaConsole['timeline']> {
  return callBackground(extension, 'timeline', url);
}
