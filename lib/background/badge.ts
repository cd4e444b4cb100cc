import type { WxtBrowser } from 'wxt/browser';

/** A tab's text that gives way to the shared badge: both browsers take null for it (their types say string). */
const SHARED_BADGE = null as unknown as string;

/**
 * The toolbar badge: the number of changes on the tab ("999+" past what it has room for). A tab
 * with none shows the badge every tab shares (how many followed pages changed: follow-checks.ts).
 */
export async function showChangeCount(browser: WxtBrowser, tabId: number, count: number): Promise<void> {
  await browser.action.setBadgeText({ tabId, text: count > 999 ? '999+' : count > 0 ? String(count) : SHARED_BADGE });
  if (count > 0) await browser.action.setBadgeBackgroundColor({ tabId, color: '#1a7f37' });
}
