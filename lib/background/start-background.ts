import type { Browser, WxtBrowser } from 'wxt/browser';
import { emptyChangeSet } from '../diff/change-set';
import { isShortcutCommand, type MessageOf, type ToContent } from '../messages';
import { sharedDB, type DocDeltaDB } from '../store/open-db';
import { showChangeCount } from './badge';
import { listFeeds, setFeed } from './feed-settings';
import { BackupError } from '../backup/import-backup';
import { SiteInputError } from '../sites/custom-sites';
import { findAnySite, keyOfPage } from '../store/custom-sites-store';
import { handleCompareWith } from './compare-with';
import { syncCustomSites } from './custom-site-tracking';
import { handleExtensionPage, setSiteHighlights } from './extension-pages';
import { handleMarkSeen } from './mark-seen';
import { optionsWorkRunning, whenOptionsWorkDone } from './options-requests';
import { rekeyPages } from './rekey-pages';
import { tabs } from './tabs';
import { pageTimeline } from '../store/page-timeline';
import { handlePageSeen, InsecureCopyError } from './page-seen';
import { NewPageRate, TooManyNewPagesError } from './new-page-rate';
import { newPageRateStore } from '../store/new-page-rate-store';
import type { Block } from '../blocks';
import { InvalidMessageError, optionalString, pageUrl, payloadOf, validateBlocks } from './validate';

/**
 * Wires the background: messages from content scripts and from the
 * extension's own pages, and keyboard commands. Storage lives here and only here.
 */
export function startBackground(browser: WxtBrowser): void {
  // A console API in the service worker (only extension code can reach it): the demo and
  // the end-to-end tests set feeds and read timelines with it, without driving the UI.
  (globalThis as Record<string, unknown>).docdelta = {
    setFeed: async (siteId: string, url: string | null) => setFeed(await sharedDB(), siteId, url),
    listFeeds: async () => listFeeds(await sharedDB()),
    timeline: async (url: string, canonical: string | null = null) => {
      const db = await sharedDB();
      return pageTimeline(db, await keyOfPage(db, url, canonical));
    },
    showVersion: (tabId: number, versionId: number) => sendToTab(browser, tabId, { type: 'use-baseline', payload: { versionId } }),
    /** Resolves when the work options requests left running (packing an import, a new budget) is done. */
    optionsWorkDone: whenOptionsWorkDone,
    /** When a visit was last answered (badge set, or its failure recorded): tests and the demo settle on it. */
    lastAnswerAt: () => lastAnswerAt,
  };

  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    // The extension's own pages run at its origin; a content script's sender is the web page.
    if (sender.url?.startsWith(extensionOrigin)) return routeExtensionPage(browser, message);
    return route(browser, message, sender);
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    tabs.forget(tabId);
    newPageRate.forgetTab(tabId);
  });

  // Sites the reader added: re-checked at start, and dropped when their permission is revoked.
  const syncSites = () => void sharedDB().then((db) => syncCustomSites(browser, db)).catch((error) => console.warn('DocDelta: checking added sites failed', error));
  browser.runtime.onInstalled.addListener(syncSites);
  browser.runtime.onStartup.addListener(syncSites);
  // Histories kept under keys an older version gave (with the query): merged into their page, once.
  const rekey = () => void sharedDB().then(rekeyPages).catch((error) => console.warn('DocDelta: merging old page keys failed', error));
  browser.runtime.onInstalled.addListener(rekey);
  browser.runtime.onStartup.addListener(rekey);
  browser.permissions.onRemoved.addListener(syncSites);

  // Firefox stops an event page after ~30 s without extension events or API calls, even while
  // its own work (packing an import, removing pages for a budget) is still running: an API call
  // every 10 s while that work runs keeps it until the work is done.
  setInterval(() => {
    if (optionsWorkRunning()) void browser.runtime.getPlatformInfo().catch(() => undefined);
  }, 10_000);

  let toggling: Promise<void> = Promise.resolve();
  browser.commands.onCommand.addListener((command, tab) => {
    if (tab?.id === undefined || !isShortcutCommand(command)) return;
    // Toggles take turns: each reads whether the overlay shows, so a second key press must wait
    // for the first to be applied (two quick presses end where they started).
    if (command === 'toggle-highlights') toggling = toggling.then(() => sharedDB()).then((db) => setSiteHighlights(browser, db, tab.id!, null)).catch(() => undefined);
    else void sendToTab(browser, tab.id, { type: command, payload: {} });
  });
}

/** When the background last answered a page's visit (ms). */
let lastAnswerAt = 0;
/** New pages per tab and per site (a page script can invent URLs without end). */
const newPageRate = new NewPageRate({
  load: async () => newPageRateStore(await sharedDB()).load(),
  save: async (sites) => newPageRateStore(await sharedDB()).save(sites),
});

/** Extension pages get `{ ok, value }` or `{ ok: false, error }`: a value may itself hold an `error` field. */
async function routeExtensionPage(browser: WxtBrowser, message: unknown): Promise<unknown> {
  try {
    return { ok: true, value: await handleExtensionPage(browser, await sharedDB(), message) };
  } catch (error) {
    if (!(error instanceof InvalidMessageError || error instanceof SiteInputError || error instanceof BackupError)) console.error('DocDelta background:', error);
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

async function sendToTab(browser: WxtBrowser, tabId: number, message: MessageOf<ToContent>) {
  try {
    await browser.tabs.sendMessage(tabId, message);
  } catch {
    // No DocDelta content script in that tab (not a docs page): nothing to toggle.
  }
}

async function route(browser: WxtBrowser, message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> {
  const tabId = sender.tab?.id;
  const url = sender.url ?? sender.tab?.url;
  if (tabId === undefined || !url || sender.frameId !== 0) return null;
  const type = (message as { type?: unknown } | null)?.type;
  // Private windows leave no trace: nothing is read from or written to storage for them.
  if (sender.tab?.incognito) return type === 'page-seen' ? { changes: emptyChangeSet(), baseline: null, highlights: true, currentVersionId: null } : null;
  try {
    const payload = payloadOf(message);
    const db = await sharedDB();
    switch (type) {
      case 'page-seen':
        try {
          return await answerVisit(browser, db, tabId, url, payload);
        } finally {
          lastAnswerAt = Date.now();
        }
      case 'compare-with': {
        if (!Number.isSafeInteger(payload.versionId)) throw new InvalidMessageError('versionId must be an integer');
        const response = await handleCompareWith(db, {
          url: pageUrl(payload.url, url),
          canonical: optionalString(payload.canonical, 'canonical', 4096),
          blocks: validateBlocks(payload.blocks),
          versionId: payload.versionId as number,
        });
        await showChangeCount(browser, tabId, response.changes.changes.length);
        return response;
      }
      case 'site-rule': {
        const site = await findAnySite(db, new URL(pageUrl(payload.url, url)));
        // Only sites the reader added need this; their article selector is all the script gets.
        return site?.id.startsWith('custom:') ? { contentRoots: site.contentRoots } : null;
      }
      case 'page-untracked':
        await showChangeCount(browser, tabId, 0);
        return null;
      case 'mark-seen':
        await handleMarkSeen(db, pageUrl(payload.url, url), optionalString(payload.canonical, 'canonical', 4096), Date.now());
        await showChangeCount(browser, tabId, 0);
        return null;
      default:
        return null;
    }
  } catch (error) {
    // Refusals a page can cause on purpose are answered, not logged as DocDelta's failures.
    if (error instanceof InvalidMessageError || error instanceof TooManyNewPagesError || error instanceof InsecureCopyError) return { error: error.message };
    console.error('DocDelta background:', error);
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** A page's visit: stored, compared, its badge set; the answer is what the content script draws. */
async function answerVisit(browser: WxtBrowser, db: DocDeltaDB, tabId: number, url: string, payload: Record<string, unknown>) {
  const seen = {
    url: pageUrl(payload.url, url),
    canonical: optionalString(payload.canonical, 'canonical', 4096),
    title: optionalString(payload.title, 'title', 4096) ?? '',
    blocks: [] as Block[],
    now: Date.now(),
  };
  let response;
  let key: string | null;
  try {
    seen.blocks = validateBlocks(payload.blocks);
    ({ response, pageKey: key } = await handlePageSeen(db, seen, { admitNewPage: (siteId) => newPageRate.admit(tabId, siteId, seen.now), onScreen: () => tabs.openPages() }));
    tabs.update(tabId, { problem: undefined, ...(key !== null ? { pageKey: key } : {}) });
  } catch (error) {
    // The reader sees why in the popup (storage full, a broken database), in plain words.
    tabs.update(tabId, { problem: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  // Opened from the changes page: compare with the version the reader chose there.
  const pending = tabs.get(tabId).pendingBaseline;
  if (pending && pending.pageKey === key && response.currentVersionId !== null) {
    tabs.update(tabId, { pendingBaseline: undefined });
    response = await handleCompareWith(db, { ...seen, versionId: pending.versionId });
  }
  await showChangeCount(browser, tabId, response.changes.changes.length);
  return response;
}
