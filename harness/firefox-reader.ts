import type { ElementHandle, Page } from 'puppeteer-core';
import { shownCount } from './closed-shadow';
import { findControl, namePattern, retry } from './controls';
import { lastAnswerAt, type ExtensionContext } from './extension-state';

// What a reader does and sees in Firefox, for the puppeteer (BiDi) tests: find a control by
// its accessible name, visit a page until DocDelta has settled on it, read the badge.

declare const chrome: {
  tabs: { query: (filter: { url: string }) => Promise<Array<{ id?: number }>> };
  action: { getBadgeText: (details: { tabId: number }) => Promise<string> };
};

/**
 * The control whose accessible name (aria-label, its label's text, or its own text) is `name`,
 * searched in `within` (or the whole page) and every open shadow root; waits for it to appear.
 * Firefox over BiDi has no role locators in puppeteer, so this is how its tests address controls
 * (and puppeteer's waits are refused in Firefox's extension pages: see waitInPage).
 */
export async function control(page: Page, name: string | RegExp, within = ''): Promise<ElementHandle<HTMLElement>> {
  return retry(async () => (await page.evaluateHandle(findControl, { source: namePattern(name), scope: within })).asElement() as ElementHandle<HTMLElement> | null, `a control named ${String(name)}${within ? ` in ${within}` : ''}`, 15_000);
}

/** The toolbar badge on the tab showing `url`, as the background set it. */
export function badgeOf(extension: ExtensionContext, url: string): Promise<string> {
  return extension.evaluate(async (pageUrl) => {
    const [tab] = await chrome.tabs.query({ url: pageUrl });
    return tab?.id === undefined ? '' : chrome.action.getBadgeText({ tabId: tab.id });
  }, url);
}

export { shownCount } from './closed-shadow';

/**
 * Opens `url` in `page` and waits until DocDelta answered the visit (a first visit's feed
 * read) and the badge and the overlay agree for a moment (Firefox draws the overlay a
 * little after the badge is set).
 */
export async function visitInFirefox(extension: ExtensionContext, page: Page, url: string): Promise<{ badge: string; shown: string }> {
  const before = Date.now();
  await page.goto(url);
  for (const deadline = Date.now() + 20_000; (await lastAnswerAt(extension)) < before; ) {
    if (Date.now() > deadline) throw new Error(`DocDelta did not answer the visit to ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const deadline = Date.now() + 15_000;
  let last = '';
  for (let agreeing = 0; agreeing < 3 && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const badge = await badgeOf(extension, url);
    const shown = await shownCount(page);
    const state = `${badge}|${shown}`;
    agreeing = state === last && (badge === '' ? shown === '' : shown === `${badge} change${badge === '1' ? '' : 's'}`) ? agreeing + 1 : 0;
    last = state;
  }
  const [badge, shown] = last.split('|') as [string, string];
  return { badge, shown };
}
