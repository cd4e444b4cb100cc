import * as v from 'valibot';
import type { WxtBrowser } from 'wxt/browser';
import { contentRequests, type ContentRequest } from '../message-schemas';
import type { ResponseOf, ToBackground } from '../messages';
import { findAnySite } from '../store/custom-sites-store';
import { newPageRateStore } from '../store/new-page-rate-store';
import type { DocDeltaDB } from '../store/open-db';
import { sharedDB } from '../store/open-db';
import { showChangeCount } from './badge';
import { handleCompareWith } from './compare-with';
import { handleMarkSeen } from './mark-seen';
import { NewPageRate } from './new-page-rate';
import { handlePageSeen } from './page-seen';
import { historyOnFirstVisit } from './get-history';
import { tabs } from './tabs';
import { InvalidMessageError, pageUrl, payloadOf } from './validate';
import { OVERLAY_SCRIPT } from '../overlay-script';

/** Who sent a content script's request: its tab, and the page's address as the browser reports it. */
interface Context {
  browser: WxtBrowser;
  db: DocDeltaDB;
  tabId: number;
  senderUrl: string;
}

type Handler<K extends keyof ToBackground> = (request: ContentRequest<K>, context: Context) => Promise<ResponseOf<ToBackground, K>>;

/** New pages per tab and per site (a page script can invent URLs without end). */
export const newPageRate = new NewPageRate({
  load: async () => newPageRateStore(await sharedDB()).load(),
  save: async (sites) => newPageRateStore(await sharedDB()).save(sites),
});

/** When the background last answered a page's visit (ms): tests and the demo settle on it. */
let lastAnswer = 0;
export const lastAnswerAt = (): number => lastAnswer;

/**
 * Requests from content scripts, one handler per request of the contract, each given a request
 * its schema (lib/message-schemas.ts) accepted. The caller has checked the sender is a content
 * script of DocDelta's in a tab's top frame; what the page could have forged (its address) is
 * checked against what the browser says of the sender.
 */
export const contentHandlers: { [K in keyof ToBackground]: Handler<K> } = {
  'page-seen': (request, context) => answerVisit(request, context),
  'page-untracked': async (_request, { browser, tabId }) => {
    await showChangeCount(browser, tabId, 0);
    return null;
  },
  'compare-with': async ({ url, blocks, versionId }, { browser, db, tabId, senderUrl }) => {
    const response = await handleCompareWith(db, { url: pageUrl(url, senderUrl), blocks, versionId });
    await showChangeCount(browser, tabId, response.changes.changes.length);
    return response;
  },
  'site-rule': async ({ url }, { db, senderUrl }) => {
    const site = await findAnySite(db, new URL(pageUrl(url, senderUrl)));
    // Only sites the reader added need this; their article selector is all the script gets.
    return site?.id.startsWith('custom:') ? { contentRoots: site.contentRoots } : null;
  },
  'mark-seen': async ({ url }, { browser, db, tabId, senderUrl }) => {
    await handleMarkSeen(db, pageUrl(url, senderUrl), Date.now());
    await showChangeCount(browser, tabId, 0);
    return null;
  },
  // Only a page with changes to show pays for the overlay's code: run into the content script's
  // own world (the page never sees it), from the extension's files, never a web-accessible script.
  'load-overlay': async (_request, { browser, tabId }) => {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [OVERLAY_SCRIPT] });
    return null;
  },
};

/** Answers one request from a content script: an unknown type or a payload its schema refuses is an InvalidMessageError. */
export async function handleContentScript(message: unknown, context: Context): Promise<unknown> {
  const type = (message as { type?: unknown } | null)?.type;
  // Own keys only: "constructor" or "__proto__" is not a request.
  if (typeof type !== 'string' || !Object.hasOwn(contentHandlers, type)) throw new InvalidMessageError('unknown request');
  const payload = payloadOf(message);
  if (type !== 'page-seen') return handle(type as keyof ToBackground, payload, context);
  try {
    const response = await handle('page-seen', payload, context);
    tabs.update(context.tabId, { problem: undefined });
    return response;
  } catch (error) {
    // The reader sees why in the popup (storage full, a broken database, a page too large), in plain words.
    tabs.update(context.tabId, { problem: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    lastAnswer = Date.now();
  }
}

function handle<K extends keyof ToBackground>(type: K, payload: unknown, context: Context): Promise<ResponseOf<ToBackground, K>> {
  const parsed = v.safeParse(contentRequests[type], payload);
  if (!parsed.success) throw new InvalidMessageError(parsed.issues[0].message);
  return contentHandlers[type](parsed.output as ContentRequest<K>, context);
}

/** A page's visit: stored, compared, its badge set; the answer is what the content script draws. */
async function answerVisit(request: ContentRequest<'page-seen'>, { browser, db, tabId, senderUrl }: Context): Promise<ResponseOf<ToBackground, 'page-seen'>> {
  const seen = { ...request, url: pageUrl(request.url, senderUrl), now: Date.now() };
  const visit = await handlePageSeen(db, seen, { admitNewPage: (siteId) => newPageRate.admit(tabId, siteId, seen.now), onScreen: () => tabs.openPages() });
  let response = visit.response;
  if (visit.pageKey !== null) tabs.update(tabId, { pageKey: visit.pageKey });
  // Opened from the changes page: compare with the version the reader chose there.
  const pending = tabs.get(tabId).pendingBaseline;
  if (pending && pending.pageKey === visit.pageKey && response.currentVersionId !== null) {
    tabs.update(tabId, { pendingBaseline: undefined });
    response = await handleCompareWith(db, { ...seen, versionId: pending.versionId });
  }
  await showChangeCount(browser, tabId, response.changes.changes.length);
  // Nothing to compare with yet: the site's archives, if the reader asked for them on every first visit.
  if (response.baseline === null && response.currentVersionId !== null) void historyOnFirstVisit(browser, db, tabId, seen).catch((error) => console.warn('DocDelta: history on a first visit failed', error));
  return response;
}
