import type { Browser, WxtBrowser } from 'wxt/browser';
import { emptyChangeSet } from '../diff/change-set';
import { isContentCommand, type MessageOf, type ToContent } from '../messages';
import { sharedDB } from '../store/open-db';
import { showChangeCount } from './badge';
import { listFeeds, setFeed } from './feed-settings';
import { handleMarkSeen } from './mark-seen';
import { handlePageSeen } from './page-seen';
import { InvalidMessageError, optionalString, pageUrl, payloadOf, validateBlocks } from './validate';

/**
 * Wires the background: messages from content scripts, keyboard commands
 * and the toolbar button. Storage lives here and only here.
 */
export function startBackground(browser: WxtBrowser): void {
  // The interim feed setting, for the service worker's console (only extension code can reach it).
  (globalThis as Record<string, unknown>).docdelta = {
    setFeed: async (siteId: string, url: string | null) => setFeed(await sharedDB(), siteId, url),
    listFeeds: async () => listFeeds(await sharedDB()),
  };

  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    return route(browser, message, sender);
  });

  browser.commands.onCommand.addListener((command, tab) => {
    if (isContentCommand(command) && tab?.id !== undefined) void sendToTab(browser, tab.id, command);
  });

  // Until the popup exists, the toolbar button toggles the highlights.
  browser.action.onClicked.addListener((tab) => {
    if (tab.id !== undefined) void sendToTab(browser, tab.id, 'toggle-highlights');
  });
}

async function sendToTab(browser: WxtBrowser, tabId: number, type: keyof ToContent) {
  const message: MessageOf<ToContent> = { type, payload: {} };
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
  if (sender.tab?.incognito) return type === 'page-seen' ? { changes: emptyChangeSet(), baseline: null } : null;
  try {
    const payload = payloadOf(message);
    const db = await sharedDB();
    switch (type) {
      case 'page-seen': {
        const response = await handlePageSeen(db, {
          url: pageUrl(payload.url, url),
          canonical: optionalString(payload.canonical, 'canonical', 4096),
          title: optionalString(payload.title, 'title', 4096) ?? '',
          blocks: validateBlocks(payload.blocks),
          now: Date.now(),
        });
        await showChangeCount(browser, tabId, response.changes.changes.length);
        return response;
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
    if (error instanceof InvalidMessageError) return { error: error.message };
    console.error('DocDelta background:', error);
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
