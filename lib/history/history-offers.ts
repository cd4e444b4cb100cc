import type { SiteRule } from '../sites/site-rule';
import type { HistorySourceKind } from '../store/schema';
import { GITHUB_API_ORIGIN, GITHUB_NAME, GITHUB_RAW_ORIGIN } from './github';
import { WAYBACK_NAME, WAYBACK_ORIGIN } from './wayback';

/**
 * A history source a site's pages can be asked for, as the popup offers it: who is asked, what
 * the reader's click must grant (the hosts DocDelta then sends the page's address to), and,
 * for a repository, which one.
 */
export interface HistoryOffer {
  kind: HistorySourceKind;
  /** The host as the reader knows it: "The Internet Archive", "GitHub". */
  name: string;
  /** Host permission patterns the request needs; nothing is sent to them before the reader grants them. */
  origins: string[];
  /** owner/name, for a repository. */
  repo: string | null;
}

/**
 * What asking an archive sends, in Firefox's data-collection terms: the address of the page
 * being read (`browsingActivity`). Declared optional in the manifest and asked at the click.
 */
export const HISTORY_DATA_COLLECTION = ['browsingActivity'];

export const ARCHIVE_ORIGINS = [`${WAYBACK_ORIGIN}/*`];
export const GITHUB_ORIGINS = [`${GITHUB_API_ORIGIN}/*`, `${GITHUB_RAW_ORIGIN}/*`];

/**
 * The sources that fit a site: its source repository first when it declares one (its history
 * is every published edit, with the commit's own words), and the Internet Archive for any
 * public site, a site the reader added included.
 */
export function historyOffers(site: Pick<SiteRule, 'github'>): HistoryOffer[] {
  const offers: HistoryOffer[] = [];
  if (site.github) offers.push({ kind: 'github', name: GITHUB_NAME, origins: GITHUB_ORIGINS, repo: site.github.repo });
  offers.push({ kind: 'archive', name: WAYBACK_NAME, origins: ARCHIVE_ORIGINS, repo: null });
  return offers;
}

/** The hosts a source's requests go to, as the reader reads them: "web.archive.org". */
export const hostsOf = (offer: Pick<HistoryOffer, 'origins'>): string => offer.origins.map((origin) => new URL(origin.replace('/*', '/')).host).join(', ');
