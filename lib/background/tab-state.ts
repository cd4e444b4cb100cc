import type { WxtBrowser } from 'wxt/browser';
import type { MessageOf, PageSummary, PageWithoutArticle, TabState, ToContent } from '../messages';
import { findAnySite, keyOfPage, loadCustomSites } from '../store/custom-sites-store';
import type { DocDeltaDB } from '../store/open-db';
import { highlightsOn } from '../store/settings';
import { tabs } from './tabs';
import { pageTimeline } from '../store/page-timeline';
import { siteHistorySources } from './get-history';
import { loadFollow } from '../store/follows-store';

/** Asks a tab's content script; `reached` is false when the tab has none (not a docs page). */
export async function askTab<T>(browser: WxtBrowser, tabId: number, message: MessageOf<ToContent>): Promise<{ reached: boolean; value: T | null }> {
  try {
    return { reached: true, value: ((await browser.tabs.sendMessage(tabId, message)) ?? null) as T | null };
  } catch {
    return { reached: false, value: null };
  }
}

/** Everything the popup shows for a tab: the page, its changes and its timeline. */
export async function tabState(browser: WxtBrowser, db: DocDeltaDB, tabId: number): Promise<TabState> {
  const hinted = tabs.get(tabId).pageKey;
  const early = hinted === undefined ? null : pageTimeline(db, hinted);
  early?.catch(() => undefined);
  const [tab, { reached, value: summary }] = await Promise.all([
    browser.tabs.get(tabId).catch(() => null),
    askTab<PageSummary | PageWithoutArticle>(browser, tabId, { type: 'describe', payload: {} }),
  ]);
  if (tab?.incognito) return { kind: 'private' };
  if (!reached) return { kind: 'untracked', origin: trackableOrigin(tab?.url) };
  if (!summary) return { kind: 'reading' };
  const site = await findAnySite(db, new URL(summary.url));
  if ('noArticle' in summary || !site) return { kind: 'no-article', site: site ? await fixableSite(db, site.id, site.name) : null };
  const key = await keyOfPage(db, summary.url);
  const [timeline, highlights] = await Promise.all([key === hinted && early ? early : pageTimeline(db, key), highlightsOn(db, site.id)]);
  const follow = { following: (await loadFollow(db, site.id)) !== null, repo: site.github?.repo ?? null, feed: (await db.get('feeds', site.id)) !== undefined };
  return { kind: 'tracked', siteId: site.id, siteName: site.name, highlightsOn: highlights, page: summary, timeline, history: await siteHistorySources(db, site), follow };
}

/** The origin of a web page DocDelta could track (the popup's activeTab grant shows its URL). */
function trackableOrigin(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The site as the popup's "where is the article?" form needs it: only a site the reader added has a selector to set. */
async function fixableSite(db: DocDeltaDB, id: string, name: string) {
  const custom = (await loadCustomSites(db)).find((site) => site.id === id);
  return { id, name, custom: custom !== undefined, selector: custom?.contentSelector ?? null };
}
