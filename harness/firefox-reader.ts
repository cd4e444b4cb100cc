import type { ElementHandle, Page } from 'puppeteer-core';
import { findControl, namePattern, retry } from './controls';
import type { ExtensionContext } from './extension-state';

// What a reader does and sees in Firefox, for its harness: find a control by its accessible
// name, read the badge.

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
