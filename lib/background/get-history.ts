import type { WxtBrowser } from 'wxt/browser';
import { HistoryError } from '../history/history-error';
import { HISTORY_DATA_COLLECTION, historyOffers } from '../history/history-offers';
import type { AccessGrants } from './access-grants';
import type { SourceVersion } from '../published/history-source';
import { RequestBudget } from '../history/request-budget';
import { storedRequestLog } from '../store/request-log-store';
import { claimFirstVisitLookup } from '../store/first-visit-lookups';
import type { PageSummary, PageWithoutArticle, SiteHistorySources } from '../messages';
import type { SiteRule } from '../sites/site-rule';
import { findAnySite, findSiteById, keyOfPage } from '../store/custom-sites-store';
import type { DocDeltaDB } from '../store/open-db';
import type { HistorySourceKind } from '../store/schema';
import { historyAlways, setHistoryAlways } from '../store/settings';
import { originIn } from '../store/version-origins';
import { answerCache, historyFromSource, sourceFor, type HistoryOutcome } from './history-from-source';
import { askTab } from './tab-state';
import { InvalidMessageError } from './validate';

/**
 * Requests to one archive host in a sliding hour, for every page together: GitHub allows 60
 * unauthenticated requests an hour per address, and a reader paging back through a timeline
 * should never come near a crawler's rate at the Internet Archive. Counted in the database,
 * with the pauses hosts ask for: a worker the browser stopped and started again keeps the hour.
 */
export const HISTORY_REQUESTS_PER_HOUR = 50;

/** How long one click may wait for a page's history, all its requests together. */
export const HISTORY_CLICK_MS = 30_000;

/** How every request to an archive is made: the background's one hourly budget, listings kept in the database. */
export const historyHost = (db: DocDeltaDB, deadline?: number) => ({
  budget: new RequestBudget(HISTORY_REQUESTS_PER_HOUR, Date.now, storedRequestLog(db)),
  cache: answerCache(db),
  ...(deadline === undefined ? {} : { deadline }),
});

/** A site's history sources as the popup and Options show them: what it offers, and what is asked on every first visit. */
export async function siteHistorySources(db: DocDeltaDB, site: Pick<SiteRule, 'id' | 'github'>): Promise<SiteHistorySources> {
  return { offers: historyOffers(site), always: await historyAlways(db, site.id) };
}

/** Options' "always" switch: refused for a source the site does not have, or (turning on) whose hosts are not granted. */
export async function setSiteHistoryAlways(browser: WxtBrowser, db: DocDeltaDB, siteId: string, kind: HistorySourceKind, on: boolean): Promise<void> {
  const site = await findSiteById(db, siteId);
  const offer = site && historyOffers(site).find((candidate) => candidate.kind === kind);
  if (!site || !offer) throw new InvalidMessageError('that site has no such history source');
  if (on && !(await browser.permissions.contains({ origins: offer.origins }))) throw new HistoryError(`DocDelta may not ask ${offer.name}: the browser did not allow it.`);
  await setHistoryAlways(db, siteId, kind, on);
}

/**
 * Brings a page's history in from one of its site's sources, once the reader allowed DocDelta
 * to reach that source: the newest versions, or (`older`) those before the oldest the timeline
 * has from it. Refused, in words the popup shows, when the site has no such source or its
 * hosts are not granted; nothing is sent then.
 */
export async function historyForPage(
  browser: WxtBrowser,
  db: DocDeltaDB,
  page: { url: string },
  kind: HistorySourceKind,
  older: boolean,
): Promise<HistoryOutcome> {
  const site = await findAnySite(db, new URL(page.url));
  const offer = site && historyOffers(site).find((candidate) => candidate.kind === kind);
  if (!site || !offer) throw new HistoryError('DocDelta knows no such history source for this site.');
  if (!(await browser.permissions.contains({ origins: offer.origins }))) {
    throw new HistoryError(`DocDelta may not ask ${offer.name} yet: allow it with the popup's "Get history" button.`);
  }
  const pageKey = await keyOfPage(db, page.url);
  const record = await db.get('pages', pageKey);
  if (!record) throw new HistoryError('DocDelta has not read this page yet; reload it and try again.');
  const before = older ? await oldestFrom(db, pageKey, kind) : undefined;
  if (older && !before) throw new HistoryError(`This page has no versions from ${offer.name} yet to go back from.`);
  const source = sourceFor(kind, record.url, site, historyHost(db, Date.now() + HISTORY_CLICK_MS));
  return historyFromSource(db, { pageKey, url: record.url, title: record.title, siteId: site.id }, kind, source, before ? { before } : {});
}

/**
 * The popup's "Get history": the page in the tab is brought in and, unless going back further,
 * compared with what was found. Sent at the click that asks the browser for the source's hosts:
 * it waits for that grant (`grants`), and goes on without the popup if the prompt closed it.
 */
export async function historyForTab(browser: WxtBrowser, db: DocDeltaDB, tabId: number, kind: HistorySourceKind, older: boolean, grants: AccessGrants): Promise<HistoryOutcome> {
  const [{ value: described }, tab] = await Promise.all([
    askTab<PageSummary | PageWithoutArticle>(browser, tabId, { type: 'describe', payload: {} }),
    browser.tabs.get(tabId).catch(() => null),
  ]);
  // A private window leaves no trace, in DocDelta or at an archive.
  if (tab?.incognito) throw new HistoryError('DocDelta keeps no history of pages in private windows.');
  if (!described || 'noArticle' in described) throw new HistoryError('DocDelta has not read this page yet; reload it and try again.');
  const site = await findAnySite(db, new URL(described.url));
  const offer = site && historyOffers(site).find((candidate) => candidate.kind === kind);
  if (!offer) throw new HistoryError('DocDelta knows no such history source for this site.');
  return grants.afterGrant({ origins: offer.origins, dataCollection: HISTORY_DATA_COLLECTION }, () => historyInTab(browser, db, tabId, described, kind, older));
}

async function historyInTab(browser: WxtBrowser, db: DocDeltaDB, tabId: number, described: PageSummary, kind: HistorySourceKind, older: boolean): Promise<HistoryOutcome> {
  const outcome = await historyForPage(browser, db, described, kind, older);
  if (!older && outcome.baselineId !== null) await askTab(browser, tabId, { type: 'use-baseline', payload: { versionId: outcome.baselineId } });
  return outcome;
}

/**
 * A first visit to a page of a site whose reader turned "always" on (Options): asks the
 * site's sources in turn until one has the page's history, then shows its changes. Runs after
 * the visit was answered; a refusal or failure is only logged (the popup still offers it).
 * A page is asked about once a day at most (a reload of a page whose sources all failed asks
 * nothing), and a site's pages 20 an hour at most (lib/store/first-visit-lookups).
 */
export async function historyOnFirstVisit(browser: WxtBrowser, db: DocDeltaDB, tabId: number, page: { url: string }): Promise<void> {
  const site = await findAnySite(db, new URL(page.url));
  if (!site) return;
  const kinds = await historyAlways(db, site.id);
  if (kinds.length === 0) return;
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (!tab || tab.incognito) return;
  if (!(await claimFirstVisitLookup(db, site.id, await keyOfPage(db, page.url), Date.now()))) return;
  for (const kind of kinds) {
    try {
      const outcome = await historyForPage(browser, db, page, kind, false);
      if (outcome.baselineId !== null) await askTab(browser, tabId, { type: 'use-baseline', payload: { versionId: outcome.baselineId } });
      return;
    } catch (error) {
      console.warn(`DocDelta: no history from ${kind} for ${page.url}:`, error instanceof Error ? error.message : error);
    }
  }
}

/** The oldest version a source gave this page: older ones are listed from before it. */
async function oldestFrom(db: DocDeltaDB, pageKey: string, kind: HistorySourceKind): Promise<SourceVersion | undefined> {
  const versions = await db.getAllFromIndex('versions', 'byPage', pageKey);
  const tags = versions.flatMap((version) => originIn(version, kind) ?? []);
  const oldest = tags.reduce<(typeof tags)[number] | undefined>((found, tag) => (!found || tag.time < found.time ? tag : found), undefined);
  return oldest && { id: oldest.id, time: oldest.time };
}
