import type { SiteRule } from '../sites/site-rule';
import { ARCHIVE_SOURCES, archiveSource, type HistorySourceKind } from './archive-sources';

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

export const ARCHIVE_ORIGINS: string[] = [...archiveSource('archive').origins];
export const GITHUB_ORIGINS: string[] = [...archiveSource('github').origins];

/** The sources that fit a site, in the registry's order (archive-sources.ts: its repository first, when it has one). */
export function historyOffers(site: Pick<SiteRule, 'github'>): HistoryOffer[] {
  return ARCHIVE_SOURCES.flatMap((source) => {
    const repo = source.repoFor(site);
    return repo === false ? [] : [{ kind: source.kind, name: source.name, origins: [...source.origins], repo }];
  });
}

/** The hosts a source's requests go to, as the reader reads them: "web.archive.org". */
export const hostsOf = (offer: Pick<HistoryOffer, 'origins'>): string => offer.origins.map((origin) => new URL(origin.replace('/*', '/')).host).join(', ');
