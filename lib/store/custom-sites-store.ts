import * as v from 'valibot';
import { CustomSitesSchema } from './settings-schema';
import { customSiteRule, type CustomSite } from '../sites/custom-sites';
import { builtinSites } from '../sites/builtin-sites';
import type { SiteRule } from '../sites/site-rule';
import type { DocDeltaDB } from './open-db';
import { pageKey } from '../page-identity';

const KEY = 'custom-sites';

/** The sites the reader added; none when what is stored is not a valid list (the options page must still open). */
export async function loadCustomSites(db: DocDeltaDB): Promise<CustomSite[]> {
  const value = (await db.get('settings', KEY))?.value;
  if (typeof value !== 'string') return [];
  try {
    const parsed = v.safeParse(CustomSitesSchema, JSON.parse(value));
    return parsed.success ? parsed.output : [];
  } catch {
    return [];
  }
}

export async function saveCustomSites(db: DocDeltaDB, sites: CustomSite[]): Promise<void> {
  await db.put('settings', { key: KEY, value: JSON.stringify(sites) });
}

/** The site a URL belongs to: a built-in one, or one the reader added. */
export async function findAnySite(db: DocDeltaDB, url: URL): Promise<SiteRule | undefined> {
  return builtinSites.find((site) => site.matches(url)) ?? (await loadCustomSites(db)).map(customSiteRule).find((site) => site.matches(url));
}

/** A built-in site or one the reader added, by its id. */
export async function findSiteById(db: DocDeltaDB, siteId: string): Promise<SiteRule | undefined> {
  return builtinSites.find((site) => site.id === siteId) ?? (await loadCustomSites(db)).map(customSiteRule).find((site) => site.id === siteId);
}

/** The key of the page at `url`, by the sites DocDelta tracks now (the query parameters each keeps). */
export async function keyOfPage(db: DocDeltaDB, url: string): Promise<string> {
  return (await pageKeyReader(db))(url);
}

/** keyOfPage for many addresses (a feed's or an archive's listing): the sites read once. */
export async function pageKeyReader(db: DocDeltaDB): Promise<(url: string) => string> {
  const sites = [...builtinSites, ...(await loadCustomSites(db)).map(customSiteRule)];
  return (url) => pageKey(url, (candidate) => sites.find((site) => site.matches(candidate)));
}
