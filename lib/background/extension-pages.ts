import type { WxtBrowser } from 'wxt/browser';
import { findAnySite, findSiteById } from '../store/custom-sites-store';
import type { DocDeltaDB } from '../store/open-db';
import { setHighlights } from '../store/settings';
import * as v from 'valibot';
import type { FromExtensionPage, PageSummary, PageWithoutArticle, ResponseOf } from '../messages';
import { extensionPageRequests, type ExtensionPageRequest } from '../message-schemas';
import { askTab, tabState } from './tab-state';
import { tabs } from './tabs';
import { siteChanges, versionPair } from '../changes/site-changes';
import { addCustomSite, removeCustomSite, setCustomSiteSelector } from './custom-site-tracking';
import { textHunks } from '../changes/text-hunks';
import { pageTimeline } from '../store/page-timeline';
import { optionsActions, optionsState, setRetention, syncSiteNow } from './options-requests';
import { InvalidMessageError, payloadOf } from './validate';
import { historyForTab, setSiteHistoryAlways } from './get-history';
import { accessGrants } from './access-grants';
import { originOf, patternFromInput } from '../sites/custom-sites';
import { followSite, markSiteSeen, runFollowChecks, setFollowArchive, setFollowNotify, unfollowSite } from './follow-checks';
import { loadFollows } from '../store/follows-store';
import { ARCHIVE_ORIGINS, GITHUB_ORIGINS, HISTORY_DATA_COLLECTION } from '../history/history-offers';
import { repositoryChangesFor, repositoryFileWords, repositorySites } from './repository-view';

interface Context {
  browser: WxtBrowser;
  db: DocDeltaDB;
}

type Handler<K extends keyof FromExtensionPage> = (request: ExtensionPageRequest<K>, context: Context) => Promise<ResponseOf<FromExtensionPage, K>>;

/**
 * Requests from the extension's own pages (popup, options, changes page), one handler per
 * request of the contract, each given a request its schema (lib/message-schemas.ts) accepted.
 * The caller has checked the sender is one of those pages; a content script or a web page
 * never reaches this.
 */
export const extensionPageHandlers: { [K in keyof FromExtensionPage]: Handler<K> } = {
  'tab-state': async ({ tabId }, { browser, db }) => {
    const problem = tabs.get(tabId).problem;
    return problem ? { kind: 'problem', message: problem } : tabState(browser, db, tabId);
  },
  'tab-command': async ({ tabId, command }, { browser }) => {
    await askTab(browser, tabId, { type: command, payload: {} });
    return null;
  },
  'set-highlights': async ({ tabId, on }, { browser, db }) => {
    await setSiteHighlights(browser, db, tabId, on);
    return null;
  },
  'choose-baseline': async ({ tabId, versionId }, { browser }) => {
    await askTab(browser, tabId, { type: 'use-baseline', payload: { versionId } });
    return null;
  },
  'options-state': (_request, { db }) => optionsState(db),
  'set-feed': async ({ siteId, url }, { db }) => {
    await optionsActions.setFeed(db, siteId, url);
    return null;
  },
  'sync-feed': ({ siteId }, { db }) => syncSiteNow(db, siteId),
  'set-site-enabled': async ({ siteId, enabled }, { db }) => {
    await optionsActions.setSiteEnabled(db, siteId, enabled);
    return null;
  },
  'set-retention': async (retention, { db }) => ({ dropped: await setRetention(db, retention, Date.now(), tabs.openPages()) }),
  'clear-site': async ({ siteId }, { db }) => ({ pages: await optionsActions.clearSite(db, siteId) }),
  'clear-all': async (_request, { db }) => {
    await optionsActions.clearEverything(db);
    return null;
  },
  export: (_request, { db }) => optionsActions.exportBackup(db),
  import: ({ text }, { db }) => optionsActions.importBackup(db, text),
  'site-changes': async ({ period }, { db }) => siteChanges(db, period, Date.now(), await loadFollows(db)),
  'page-timeline': ({ pageKey }, { db }) => pageTimeline(db, pageKey),
  'version-diff': async ({ pageKey, fromId, toId }, { db }) => {
    const pair = await versionPair(db, pageKey, fromId, toId);
    if (!pair) throw new InvalidMessageError('those are not versions of that page');
    return textHunks(...pair);
  },
  'open-page': async ({ pageKey, versionId }, { browser, db }) => {
    const [page, version] = await Promise.all([db.get('pages', pageKey), db.get('versions', versionId)]);
    if (!page || version?.pageKey !== pageKey) throw new InvalidMessageError('no such version of that page');
    const tab = await browser.tabs.create({ url: page.url });
    if (tab.id !== undefined) tabs.update(tab.id, { pendingBaseline: { pageKey, versionId } });
    return null;
  },
  // The popup asks the browser for the site and sends this at the same click: added once granted,
  // even when the prompt closed the popup (Firefox).
  'add-site': ({ input, selector, tabId }, { browser, db }) => accessGrants(browser).afterGrant({ origins: [originOf(patternFromInput(input))] }, () => addCustomSite(browser, db, input, selector, tabId)),
  'set-site-selector': ({ siteId, selector, tabId }, { browser, db }) => setCustomSiteSelector(browser, db, siteId, selector, tabId),
  'remove-site': async ({ siteId }, { browser, db }) => {
    await removeCustomSite(browser, db, siteId);
    return null;
  },
  'get-history': async ({ tabId, source, older }, { browser, db }) => {
    const { added, skipped } = await historyForTab(browser, db, tabId, source, older, accessGrants(browser));
    return { added, skipped };
  },
  'access-refused': async ({ origins }, { browser }) => {
    accessGrants(browser).refused(origins);
    return null;
  },
  'repository-sites': (_request, { db }) => repositorySites(db),
  'repository-changes': ({ siteId, days }, { browser, db }) => repositoryChangesFor(browser, db, siteId, days),
  'repository-file-words': (request, { browser, db }) => repositoryFileWords(browser, db, request),
  // Sent at the click that asks the browser for GitHub's hosts: followed once they are granted.
  'follow-site': async ({ siteId, github }, { browser, db }) => {
    const follow = async () => {
      await followSite(browser, db, siteId, Date.now(), { github });
      // The first check reads the week before: not awaited, the popup has its answer.
      void runFollowChecks(browser, db, Date.now());
      return null;
    };
    // A site built from a repository is followed through GitHub once its hosts are granted (the popup asks at the click).
    const site = await findSiteById(db, siteId);
    return site?.github && github ? accessGrants(browser).afterGrant({ origins: GITHUB_ORIGINS, dataCollection: HISTORY_DATA_COLLECTION }, follow) : follow();
  },
  'unfollow-site': async ({ siteId }, { browser, db }) => {
    await unfollowSite(browser, db, siteId);
    return null;
  },
  'set-follow-notify': async ({ siteId, on }, { browser, db }) => {
    await setFollowNotify(browser, db, siteId, on);
    return null;
  },
  // Sent at the click that asks the browser for the archive's hosts (turning it on).
  'set-follow-archive': async ({ siteId, on }, { browser, db }) => {
    const apply = async () => {
      await setFollowArchive(db, siteId, on, Date.now());
      return null;
    };
    return on ? accessGrants(browser).afterGrant({ origins: ARCHIVE_ORIGINS, dataCollection: HISTORY_DATA_COLLECTION }, apply) : apply();
  },
  'mark-site-seen': async ({ siteId }, { browser, db }) => {
    await markSiteSeen(browser, db, siteId, Date.now());
    return null;
  },
  'set-history-always': async ({ siteId, source, on }, { browser, db }) => {
    await setSiteHistoryAlways(browser, db, siteId, source, on);
    return null;
  },
};

/** Answers one request from an extension page: an unknown type or a payload its schema refuses is an InvalidMessageError. */
export async function handleExtensionPage(browser: WxtBrowser, db: DocDeltaDB, message: unknown): Promise<unknown> {
  const type = (message as { type?: unknown } | null)?.type;
  // Own keys only: "constructor" or "__proto__" is not a request.
  if (typeof type !== 'string' || !Object.hasOwn(extensionPageHandlers, type)) throw new InvalidMessageError('unknown request');
  return handle(type as keyof FromExtensionPage, payloadOf(message), { browser, db });
}

function handle<K extends keyof FromExtensionPage>(type: K, payload: unknown, context: Context): Promise<ResponseOf<FromExtensionPage, K>> {
  const parsed = v.safeParse(extensionPageRequests[type], payload);
  if (!parsed.success) throw new InvalidMessageError(parsed.issues[0].message);
  return extensionPageHandlers[type](parsed.output as ExtensionPageRequest<K>, context);
}

/**
 * Shows or hides the overlay in a tab and remembers the choice for the tab's
 * site (not in private windows, which leave no trace). `on` null toggles.
 */
export async function setSiteHighlights(browser: WxtBrowser, db: DocDeltaDB, tabId: number, on: boolean | null): Promise<void> {
  const { value: described } = await askTab<PageSummary | PageWithoutArticle>(browser, tabId, { type: 'describe', payload: {} });
  const summary = described && 'noArticle' in described ? null : described;
  const wanted = on ?? !(summary?.highlightsShown ?? true);
  const site = summary ? await findAnySite(db, new URL(summary.url)) : undefined;
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (site && !tab?.incognito) await setHighlights(db, site.id, wanted);
  await askTab(browser, tabId, { type: 'set-highlights', payload: { on: wanted } });
}
