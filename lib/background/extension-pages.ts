import type { WxtBrowser } from 'wxt/browser';
import { findSite } from '../sites/find-site';
import type { DocDeltaDB } from '../store/open-db';
import { setHighlights } from '../store/settings';
import type { PageSummary } from '../messages';
import { askTab, tabState } from './tab-state';
import { InvalidMessageError, payloadOf } from './validate';

const integer = (value: unknown, field: string): number => {
  if (!Number.isSafeInteger(value)) throw new InvalidMessageError(`${field} must be an integer`);
  return value as number;
};

/**
 * Requests from the extension's own pages (popup, options, changes page).
 * The caller has checked the sender is one of them; a content script or a
 * web page never reaches this.
 */
export async function handleExtensionPage(browser: WxtBrowser, db: DocDeltaDB, message: unknown): Promise<unknown> {
  const type = (message as { type?: unknown } | null)?.type;
  const payload = payloadOf(message);
  switch (type) {
    case 'tab-state':
      return tabState(browser, db, integer(payload.tabId, 'tabId'));
    case 'tab-command': {
      const command = payload.command;
      if (command !== 'mark-seen' && command !== 'first-change') throw new InvalidMessageError('unknown command');
      await askTab(browser, integer(payload.tabId, 'tabId'), { type: command, payload: {} });
      return null;
    }
    case 'set-highlights': {
      if (typeof payload.on !== 'boolean') throw new InvalidMessageError('on must be true or false');
      await setSiteHighlights(browser, db, integer(payload.tabId, 'tabId'), payload.on);
      return null;
    }
    case 'choose-baseline':
      await askTab(browser, integer(payload.tabId, 'tabId'), { type: 'use-baseline', payload: { versionId: integer(payload.versionId, 'versionId') } });
      return null;
    default:
      throw new InvalidMessageError('unknown request');
  }
}

/**
 * Shows or hides the overlay in a tab and remembers the choice for the tab's
 * site (not in private windows, which leave no trace). `on` null toggles.
 */
export async function setSiteHighlights(browser: WxtBrowser, db: DocDeltaDB, tabId: number, on: boolean | null): Promise<void> {
  const { value: summary } = await askTab<PageSummary>(browser, tabId, { type: 'describe', payload: {} });
  const wanted = on ?? !(summary?.highlightsShown ?? true);
  const site = summary ? findSite(new URL(summary.url)) : undefined;
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (site && !tab?.incognito) await setHighlights(db, site.id, wanted);
  await askTab(browser, tabId, { type: 'set-highlights', payload: { on: wanted } });
}
