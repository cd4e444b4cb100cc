import type { SiteRule } from '../sites/site-rule';

export const GITHUB_API_ORIGIN = 'https://api.github.com';
export const GITHUB_RAW_ORIGIN = 'https://raw.githubusercontent.com';
export const GITHUB_NAME = 'GitHub';
export const WAYBACK_ORIGIN = 'https://web.archive.org';
export const WAYBACK_NAME = 'The Internet Archive';

/**
 * The archives that already hold a page's history, each declared once: what it is called, the
 * hosts the reader's click must grant (DocDelta sends the page's address there), which sites it
 * fits, and its words. Everything that lists the kinds derives from this: the stored version
 * tags' type, message and backup schemas, the settings' "always" switches, the popup's offers
 * and the first-visit order (this order). How each lists and reads versions is its factory in
 * lib/background/history-from-source.ts, typed so that a kind without one does not compile.
 *
 * Light on purpose: the popup and the overlay's frame import it for the words.
 */
export const ARCHIVE_SOURCES = [
  {
    kind: 'github',
    name: GITHUB_NAME,
    origins: [`${GITHUB_API_ORIGIN}/*`, `${GITHUB_RAW_ORIGIN}/*`],
    /** Its source repository, when the site declares one: every published edit, with the commit's own words. */
    repoFor: (site: Pick<SiteRule, 'github'>): string | null | false => site.github?.repo ?? false,
    words: { source: 'sourceGithub', since: 'sinceGithub' },
  },
  {
    kind: 'archive',
    name: WAYBACK_NAME,
    origins: [`${WAYBACK_ORIGIN}/*`],
    /** Any public site, a site the reader added included. */
    repoFor: (): string | null | false => null,
    words: { source: 'sourceArchive', since: 'sinceArchive' },
  },
] as const;

export type ArchiveSource = (typeof ARCHIVE_SOURCES)[number];

/** Where a stored version came from, when an archive gave it. */
export type HistorySourceKind = ArchiveSource['kind'];

/** Every archive's kind, in first-visit order. */
export const ARCHIVE_KINDS: readonly HistorySourceKind[] = ARCHIVE_SOURCES.map((source) => source.kind);

export const archiveSource = (kind: HistorySourceKind): ArchiveSource => ARCHIVE_SOURCES.find((source) => source.kind === kind)!;

/** The settings key of a site's "always ask this source on a first visit" switch. */
export const alwaysKey = (kind: HistorySourceKind, siteId: string): string => `history-${kind}:${siteId}`;

/** The kind a settings key's prefix names ("history-archive"), or null when it names none. */
export const kindOfAlwaysPrefix = (prefix: string): HistorySourceKind | null => ARCHIVE_KINDS.find((kind) => prefix === `history-${kind}`) ?? null;
