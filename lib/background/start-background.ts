import type { Browser, WxtBrowser } from 'wxt/browser';
import { emptyChangeSet } from '../diff/change-set';
import { isShortcutCommand, type MessageOf, type Reply, type ToContent } from '../messages';
import { sharedDB } from '../store/open-db';
import { listFeeds, setFeed } from './feed-settings';
import { BackupError } from '../backup/import-backup';
import { SiteInputError } from '../sites/custom-sites';
import { keyOfPage } from '../store/custom-sites-store';
import { syncCustomSites } from './custom-site-tracking';
import { handleExtensionPage, setSiteHighlights } from './extension-pages';
import { handleContentScript, lastAnswerAt, newPageRate } from './content-requests';
import { InsecureCopyError } from './page-seen';
import { TooManyNewPagesError } from './new-page-rate';
import { tabs } from './tabs';
import { InvalidMessageError } from './validate';
import { optionsWorkRunning, whenOptionsWorkDone } from './options-requests';
import { rekeyPages } from './rekey-pages';
import { accessGrants } from './access-grants';
import { pageTimeline } from '../store/page-timeline';
import { provideReaders } from '../published/published-readers';
import { importReadersAtInstall, readersFromScript } from './readers-script';
import { dropRevokedSources, ensureFollowAlarm, FOLLOW_ALARM, runFollowChecks, showFollowedCount } from './follow-checks';
import { loadFollows } from '../store/follows-store';
import { NOTICE_PREFIX } from '../follow/follow-notice';

/**
 * Wires the background: messages from content scripts and from the
 * extension's own pages, and keyboard commands. Storage lives here and only here.
 */
export function startBackground(browser: WxtBrowser): void {
  // Feeds', archives' and repositories' readers: loaded when one is first read, not at each start.
  const readersUrl = (path: '/readers.js') => browser.runtime.getURL(path);
  importReadersAtInstall(readersUrl);
  provideReaders(readersFromScript(readersUrl));

  // A console API in the service worker (only extension code can reach it): the demo and
  // the end-to-end tests set feeds and read timelines with it, without driving the UI.
  (globalThis as Record<string, unknown>).docdelta = {
    setFeed: async (siteId: string, url: string | null) => setFeed(await sharedDB(), siteId, url),
    listFeeds: async () => listFeeds(await sharedDB()),
    timeline: async (url: string) => {
      const db = await sharedDB();
      return pageTimeline(db, await keyOfPage(db, url));
    },
    showVersion: (tabId: number, versionId: number) => sendToTab(browser, tabId, { type: 'use-baseline', payload: { versionId } }),
    /** Resolves when the work options requests left running (packing an import, a new budget) is done. */
    optionsWorkDone: whenOptionsWorkDone,
    /** When a visit was last answered (badge set, or its failure recorded): tests and the demo settle on it. */
    lastAnswerAt,
    /** Runs the followed sites' due checks as the alarm does, at `now` (the tests' simulated days). */
    followChecks: async (now = Date.now()) => runFollowChecks(browser, await sharedDB(), now),
  };

  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    // The extension's own pages run at its origin; a content script's sender is the web page.
    if (sender.url?.startsWith(extensionOrigin)) return reply(async () => handleExtensionPage(browser, await sharedDB(), message));
    return routeContentScript(browser, message, sender);
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

  // Followed sites: checked when the alarm fires (it outlives the worker and the browser);
  // a source whose hosts the reader revoked is followed no more.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FOLLOW_ALARM) void sharedDB().then((db) => runFollowChecks(browser, db, Date.now()));
  });
  const keepFollowing = () => void sharedDB().then(async (db) => {
    if ((await loadFollows(db)).length > 0) await ensureFollowAlarm(browser);
    await showFollowedCount(browser, db);
  }).catch((error) => console.warn('DocDelta: resuming followed sites failed', error));
  browser.runtime.onInstalled.addListener(keepFollowing);
  browser.runtime.onStartup.addListener(keepFollowing);
  browser.permissions.onRemoved.addListener(() => void sharedDB().then((db) => dropRevokedSources(browser, db)).catch(() => undefined));
  // A followed site's notice opens its week. The API exists once its permission is granted
  // (asked in Options), so the listener is added then too.
  let hearingNotices = false;
  const hearNotices = () => {
    if (hearingNotices || !browser.notifications) return;
    hearingNotices = true;
    browser.notifications.onClicked.addListener((id) => {
      if (!id.startsWith(NOTICE_PREFIX)) return;
      void browser.notifications.clear(id);
      void browser.tabs.create({ url: browser.runtime.getURL(`/changes.html?period=7&site=${encodeURIComponent(id.slice(NOTICE_PREFIX.length))}`) });
    });
  };
  hearNotices();
  browser.permissions.onAdded.addListener(hearNotices);

  // Firefox stops an event page after ~30 s without extension events or API calls, even while
  // its own work (packing an import, removing pages for a budget) is still running: an API call
  // every 10 s while that work runs keeps it until the work is done.
  // The same while work a click asked for waits on the browser's prompt or runs after it.
  const grants = accessGrants(browser);
  setInterval(() => {
    if (optionsWorkRunning() || grants.busy()) void browser.runtime.getPlatformInfo().catch(() => undefined);
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

/**
 * One reply shape for every sender (lib/messages.ts `Reply`). Refusals a sender can cause on
 * purpose (a malformed request, a page inventing addresses, a bad import) are answered, not
 * logged as DocDelta's failures.
 */
async function reply(answer: () => Promise<unknown>): Promise<Reply<unknown>> {
  try {
    return { ok: true, value: await answer() };
  } catch (error) {
    const refused = [InvalidMessageError, SiteInputError, BackupError, TooManyNewPagesError, InsecureCopyError].some((kind) => error instanceof kind);
    if (!refused) console.error('DocDelta background:', error);
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

/** A content script's request: heard only from a tab's top frame. */
async function routeContentScript(browser: WxtBrowser, message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply<unknown>> {
  const tabId = sender.tab?.id;
  const senderUrl = sender.url ?? sender.tab?.url;
  if (tabId === undefined || !senderUrl || sender.frameId !== 0) return { ok: false, error: 'DocDelta reads only a tab\'s own page' };
  // Private windows leave no trace: nothing is read from or written to storage for them.
  if (sender.tab?.incognito) {
    const type = (message as { type?: unknown } | null)?.type;
    return { ok: true, value: type === 'page-seen' ? { changes: emptyChangeSet(), baseline: null, highlights: true, currentVersionId: null } : null };
  }
  return reply(async () => handleContentScript(message, { browser, db: await sharedDB(), tabId, senderUrl }));
}
