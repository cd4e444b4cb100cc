import type { WxtBrowser } from 'wxt/browser';
import { checkSelector, customSite, originOf, patternFromInput, SiteInputError, type CustomSite } from '../sites/custom-sites';
import { builtinSites } from '../sites/builtin-sites';
import { loadCustomSites, saveCustomSites } from '../store/custom-sites-store';
import { publishedReaders } from '../published/published-readers';
import type { DocDeltaDB } from '../store/open-db';

/** The content script the build makes; sites the reader adds get the same one, registered at run time. */
const CONTENT_SCRIPT = { js: ['/content-scripts/content.js' as const], css: ['/content-scripts/content.css' as const] };

/**
 * Starts tracking a site the reader chose. The permission must already be
 * granted: only the reader's click in the popup or options can ask for it.
 * With a tab, DocDelta starts on that page at once.
 */
export async function addCustomSite(browser: WxtBrowser, db: DocDeltaDB, input: string, selector: string | null, tabId: number | null): Promise<CustomSite> {
  const pattern = patternFromInput(input);
  const site = customSite(pattern, checkSelector(selector, (await publishedReaders()).parseSelector));
  if (builtinSites.some((builtin) => builtin.patterns.includes(pattern))) throw new SiteInputError('DocDelta already tracks that site');
  if (!(await browser.permissions.contains({ origins: [originOf(pattern)] }))) throw new SiteInputError('DocDelta was not given access to that site');
  const sites = (await loadCustomSites(db)).filter((s) => s.id !== site.id);
  await saveCustomSites(db, [...sites, site]);
  await register(browser, site);
  if (tabId !== null) {
    await browser.scripting.insertCSS({ target: { tabId }, files: CONTENT_SCRIPT.css });
    await browser.scripting.executeScript({ target: { tabId }, files: CONTENT_SCRIPT.js });
  }
  return site;
}

/**
 * Sets where the article is on a site the reader added (null: the generic
 * rules). The tab, if given, is loaded again so the page is read with it.
 */
export async function setCustomSiteSelector(browser: WxtBrowser, db: DocDeltaDB, siteId: string, selector: string | null, tabId: number | null): Promise<CustomSite> {
  const sites = await loadCustomSites(db);
  const site = sites.find((s) => s.id === siteId);
  if (!site) throw new SiteInputError('DocDelta only lets you choose the article on sites you added');
  const changed = { ...site, contentSelector: checkSelector(selector, (await publishedReaders()).parseSelector) };
  await saveCustomSites(db, sites.map((s) => (s.id === siteId ? changed : s)));
  if (tabId !== null) await browser.tabs.reload(tabId);
  return changed;
}

/** Stops tracking a site the reader added, and gives its permission back. Its history stays until cleared. */
export async function removeCustomSite(browser: WxtBrowser, db: DocDeltaDB, siteId: string): Promise<void> {
  const sites = await loadCustomSites(db);
  const site = sites.find((s) => s.id === siteId);
  if (!site) throw new SiteInputError('no such site');
  await saveCustomSites(db, sites.filter((s) => s.id !== siteId));
  await unregister(browser, [siteId]);
  await browser.permissions.remove({ origins: [originOf(site.pattern)] }).catch(() => false);
}

/**
 * Keeps registrations in step with the reader's sites and the browser's
 * permissions: a permission revoked in the browser stops tracking that site.
 */
export async function syncCustomSites(browser: WxtBrowser, db: DocDeltaDB): Promise<void> {
  const sites = await loadCustomSites(db);
  const kept: CustomSite[] = [];
  for (const site of sites) if (await browser.permissions.contains({ origins: [originOf(site.pattern)] })) kept.push(site);
  if (kept.length !== sites.length) await saveCustomSites(db, kept);
  const registered = new Set((await browser.scripting.getRegisteredContentScripts()).map((script) => script.id));
  await unregister(browser, [...registered].filter((id) => !kept.some((site) => site.id === id)));
  for (const site of kept) if (!registered.has(site.id)) await register(browser, site);
}

async function register(browser: WxtBrowser, site: CustomSite) {
  await unregister(browser, [site.id]);
  await browser.scripting.registerContentScripts([{ id: site.id, matches: [site.pattern], ...CONTENT_SCRIPT, runAt: 'document_idle', persistAcrossSessions: true }]);
}

async function unregister(browser: WxtBrowser, ids: string[]) {
  if (ids.length === 0) return;
  const registered = new Set((await browser.scripting.getRegisteredContentScripts({ ids })).map((script) => script.id));
  const present = ids.filter((id) => registered.has(id));
  if (present.length) await browser.scripting.unregisterContentScripts({ ids: present });
}
