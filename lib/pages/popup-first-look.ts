import type { WxtBrowser } from 'wxt/browser';
import { requestBackground } from './background-request';
import type { TabState } from '../messages';

/** The tab the popup is about, and what the background says of it. */
export type FirstLook = Promise<{ tabId: number; state: TabState } | null>;

/** The tab named by `?tab=<id>` (the popup opened as a page: tests, a pinned tab), if any. */
export function namedTab(search: string): number | null {
  const named = Number(new URLSearchParams(search).get('tab'));
  return Number.isSafeInteger(named) && named > 0 ? named : null;
}

/** Asks about the named tab, or else the active one (the tab whose toolbar button opened the popup). */
export function firstLook(browser: WxtBrowser, tab: number | null): FirstLook {
  return (async () => {
    const tabId = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id ?? null;
    return tabId === null ? null : { tabId, state: await requestBackground(browser, 'tab-state', { tabId }) };
  })();
}

/**
 * Where the popup's first script leaves its question (entrypoints/popup-first-look.ts): a
 * classic script that runs while the page's styles and modules still load, so the answer
 * is on its way before the app's modules have even loaded.
 */
export const FIRST_LOOK_GLOBAL = '__docdeltaFirstLook';
