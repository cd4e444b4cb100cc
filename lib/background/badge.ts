import type { WxtBrowser } from 'wxt/browser';

/** The toolbar badge: the number of changes on the tab ("999+" past what it has room for), empty when none. */
export async function showChangeCount(browser: WxtBrowser, tabId: number, count: number): Promise<void> {
  await browser.action.setBadgeText({ tabId, text: count > 999 ? '999+' : count > 0 ? String(count) : '' });
  if (count > 0) await browser.action.setBadgeBackgroundColor({ tabId, color: '#1a7f37' });
}
