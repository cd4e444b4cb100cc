import type { WxtBrowser } from 'wxt/browser';
import { findAnySite } from '../store/custom-sites-store';
import type { DocDeltaDB } from '../store/open-db';
import { setHighlights } from '../store/settings';
import type { PageSummary, PageWithoutArticle } from '../messages';
import { askTab, tabPages, tabState } from './tab-state';
import { builtinSites } from '../sites/builtin-sites';
import { siteChanges, versionPair } from '../changes/site-changes';
import { addCustomSite, removeCustomSite, setCustomSiteSelector } from './custom-site-tracking';
import { textHunks } from '../changes/text-hunks';
import { pageTimeline } from '../store/page-timeline';
import { optionsActions, optionsState, setRetention, syncSiteNow } from './options-requests';
import { InvalidMessageError, optionalString, payloadOf } from './validate';

const siteId = (value: unknown): string => {
  if (typeof value !== 'string' || !builtinSites.some((site) => site.id === value)) throw new InvalidMessageError('unknown site');
  return value;
};

const pageKeyOf = (value: unknown): string => {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) throw new InvalidMessageError('pageKey must be a page key');
  return value;
};

const integer = (value: unknown, field: string): number => {
  if (!Number.isSafeInteger(value)) throw new InvalidMessageError(`${field} must be an integer`);
  return value as number;
};

/**
 * Requests from the extension's own pages (popup, options, changes page).
 * The caller has checked the sender is one of them; a content script or a
 * web page never reaches this.
 */
/** Why DocDelta could not store a tab's page, for its popup to say (storage full, …). */
export const tabProblems = new Map<number, string>();

/** Tabs the changes page opened, and the version each should be compared with once read. */
export const pendingBaselines = new Map<number, { pageKey: string; versionId: number }>();

export async function handleExtensionPage(browser: WxtBrowser, db: DocDeltaDB, message: unknown): Promise<unknown> {
  const type = (message as { type?: unknown } | null)?.type;
  const payload = payloadOf(message);
  switch (type) {
    case 'tab-state': {
      const tabId = integer(payload.tabId, 'tabId');
      const problem = tabProblems.get(tabId);
      return problem ? { kind: 'problem', message: problem } : tabState(browser, db, tabId);
    }
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
    case 'options-state':
      return optionsState(db);
    case 'set-feed': {
      const url = payload.url === null ? null : optionalString(payload.url, 'url', 2048);
      await optionsActions.setFeed(db, siteId(payload.siteId), url === '' ? null : url);
      return null;
    }
    case 'sync-feed':
      return syncSiteNow(db, siteId(payload.siteId));
    case 'set-site-enabled':
      if (typeof payload.enabled !== 'boolean') throw new InvalidMessageError('enabled must be true or false');
      await optionsActions.setSiteEnabled(db, siteId(payload.siteId), payload.enabled);
      return null;
    case 'set-retention': {
      const maxVersions = integer(payload.maxVersions, 'maxVersions');
      const maxAgeDays = integer(payload.maxAgeDays, 'maxAgeDays');
      const maxStorageMB = integer(payload.maxStorageMB, 'maxStorageMB');
      if (maxVersions < 2 || maxVersions > 10_000 || maxAgeDays < 0 || maxAgeDays > 36_500) throw new InvalidMessageError('keep between 2 and 10,000 versions, for 0 (forever) to 36,500 days');
      if (maxStorageMB !== 0 && (maxStorageMB < 10 || maxStorageMB > 1_000_000)) throw new InvalidMessageError('a storage budget is at least 10 MB (0 leaves it to the browser)');
      return { dropped: await setRetention(db, { maxVersions, maxAgeDays, maxStorageMB }, Date.now(), new Set(tabPages.values())) };
    }
    case 'clear-site':
      return { pages: await optionsActions.clearSite(db, siteId(payload.siteId)) };
    case 'clear-all':
      await optionsActions.clearEverything(db);
      return null;
    case 'export':
      return optionsActions.exportBackup(db);
    case 'site-changes': {
      const period = payload.period as { kind?: unknown; days?: unknown } | null;
      if (period?.kind === 'last-visit') return siteChanges(db, { kind: 'last-visit' }, Date.now());
      const days = integer(period?.days, 'days');
      if (period?.kind !== 'days' || days < 1 || days > 36_500) throw new InvalidMessageError('period must be last-visit or 1 to 36,500 days');
      return siteChanges(db, { kind: 'days', days }, Date.now());
    }
    case 'page-timeline':
      return pageTimeline(db, pageKeyOf(payload.pageKey));
    case 'version-diff': {
      const pair = await versionPair(db, pageKeyOf(payload.pageKey), integer(payload.fromId, 'fromId'), integer(payload.toId, 'toId'));
      if (!pair) throw new InvalidMessageError('those are not versions of that page');
      return textHunks(...pair);
    }
    case 'open-page': {
      const key = pageKeyOf(payload.pageKey);
      const versionId = integer(payload.versionId, 'versionId');
      const [page, version] = await Promise.all([db.get('pages', key), db.get('versions', versionId)]);
      if (!page || version?.pageKey !== key) throw new InvalidMessageError('no such version of that page');
      const tab = await browser.tabs.create({ url: page.url });
      if (tab.id !== undefined) pendingBaselines.set(tab.id, { pageKey: key, versionId });
      return null;
    }
    case 'add-site': {
      if (typeof payload.input !== 'string' || payload.input.length > 2048) throw new InvalidMessageError('input must be a URL or pattern');
      const selector = payload.selector === null ? null : optionalString(payload.selector, 'selector', 500);
      const tabId = payload.tabId === null || payload.tabId === undefined ? null : integer(payload.tabId, 'tabId');
      return addCustomSite(browser, db, payload.input, selector, tabId);
    }
    case 'set-site-selector': {
      if (typeof payload.siteId !== 'string') throw new InvalidMessageError('siteId must be a string');
      const selector = payload.selector === null ? null : optionalString(payload.selector, 'selector', 500);
      const tabId = payload.tabId === null || payload.tabId === undefined ? null : integer(payload.tabId, 'tabId');
      return setCustomSiteSelector(browser, db, payload.siteId, selector, tabId);
    }
    case 'remove-site': {
      if (typeof payload.siteId !== 'string') throw new InvalidMessageError('siteId must be a string');
      await removeCustomSite(browser, db, payload.siteId);
      return null;
    }
    case 'import': {
      if (typeof payload.text !== 'string') throw new InvalidMessageError('text must be a string');
      return optionsActions.importBackup(db, payload.text);
    }
    default:
      throw new InvalidMessageError('unknown request');
  }
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
