import { feedBaseline } from '../published/published-baseline';
import type { AnswerCache, ArchiveHost } from '../history/ask-archive';
import { cachedFeedFile, keepFeedFile } from '../store/fetched-files';
import { githubHistorySource } from '../history/github-history-source';
import { ClickDeadlineError, HistoryError } from '../history/history-error';
import type { HistorySource, SourceVersion } from '../published/history-source';
import { waybackSource } from '../history/wayback-source';
import type { SiteRule } from '../sites/site-rule';
import { compactHistory } from '../store/compact-history';
import { ingestSourceVersions, type SourcePage, type SourceVersionToStore } from '../store/ingest-source-versions';
import type { DocDeltaDB } from '../store/open-db';
import { loadVersionBlocks } from '../store/page-history';
import { pageTimeline } from '../store/page-timeline';
import type { HistorySourceKind } from '../store/schema';
import { loadRetention } from '../store/retention';
import { bytesForChars, keepUnderBudget } from '../store/storage-budget';
import { withRoom } from '../store/storage-full';
import { browserHistoryUsage } from './browser-storage';

/** Versions asked for on the reader's first request: the page as it is now and a few before it. */
export const HISTORY_NEWEST = 5;

export interface HistoryOutcome {
  /** New versions stored. */
  added: number;
  /** Versions listed but not used, each with why ("… is a different page"). */
  skipped: string[];
  /** The version to compare the live page with (as for a feed on a first visit), if any. */
  baselineId: number | null;
}

/**
 * Archives' listings are kept with the feeds' files (the same bounded cache, the first thing
 * freed when storage is full), so asking again is a conditional request.
 */
export function answerCache(db: DocDeltaDB): AnswerCache {
  return { get: (url) => cachedFeedFile(db, url), keep: (answer) => keepFeedFile(db, answer) };
}

/** The history source of `kind` for a page of `site`, or why the site has none. */
export function sourceFor(kind: HistorySourceKind, url: string, site: SiteRule | undefined, host: Omit<ArchiveHost, 'name'>): HistorySource {
  return SOURCE_FACTORIES[kind](url, site, host);
}

/** How each archive of the registry (archive-sources.ts) lists and reads a page's versions: one per kind, or this does not compile. */
const SOURCE_FACTORIES: Record<HistorySourceKind, (url: string, site: SiteRule | undefined, host: Omit<ArchiveHost, 'name'>) => HistorySource> = {
  archive: waybackSource,
  github: (url, site, host) => {
    if (!site?.github) throw new HistoryError('DocDelta does not know which GitHub repository this site is built from.');
    return githubHistorySource(url, { ...site, github: site.github }, host);
  },
};

/**
 * Brings a stored page's history in from an archive, at the reader's request: lists the
 * newest versions (or those older than `before`), reads each as the live page is read and
 * checks it is this page, then stores all of them in one transaction; nothing is stored when
 * listing fails or no version could be read. A pause the host asked for ends the reading
 * early and keeps what was read.
 */
export async function historyFromSource(
  db: DocDeltaDB,
  page: { pageKey: string; url: string; title: string; siteId: string },
  kind: HistorySourceKind,
  source: HistorySource,
  options: { before?: SourceVersion } = {},
): Promise<HistoryOutcome> {
  const record = await db.get('pages', page.pageKey);
  if (!record) throw new HistoryError('DocDelta has not read this page yet; reload it and try again.');
  const live = await loadVersionBlocks(db, record.latestVersion);
  const listed = await source.list({ newest: HISTORY_NEWEST, ...(options.before ? { before: options.before } : {}) });
  const read: SourceVersionToStore[] = [];
  const skipped: string[] = [];
  for (const version of listed) {
    try {
      read.push({ id: version.id, time: version.time, ...(version.label ? { label: version.label } : {}), blocks: await source.read(version, live) });
    } catch (error) {
      if (!(error instanceof HistoryError)) throw error;
      // The host asked to wait, or the click's time is up: what was read is kept, the rest waits.
      if (error.retryAt !== null || error instanceof ClickDeadlineError) {
        if (read.length === 0) throw error;
        skipped.push(error.message);
        break;
      }
      skipped.push(error.message);
    }
  }
  if (read.length === 0) throw new HistoryError(skipped[0] ?? `${source.name} lists no version of this page${options.before ? ' older than these' : ''}.`);
  const added = await storeSourceVersions(db, page, kind, read);
  await pageTimeline(db, page.pageKey);
  const { versionId } = await feedBaseline(db, page.pageKey, live, record.latestVersion, kind);
  return { added, skipped, baselineId: versionId };
}

/**
 * Stores one page's versions from a source as a visit is stored: room made when the disk is
 * full, and the reader's storage budget kept (other pages, least recently viewed first, give
 * way; never this one). Returns how many versions were new.
 */
export async function storeSourceVersions(db: DocDeltaDB, page: SourcePage, kind: HistorySourceKind, read: readonly SourceVersionToStore[]): Promise<number> {
  const keep = new Set([page.pageKey]);
  const cause = { now: Date.now(), site: page.siteId };
  const added = await withRoom(db, cause, keep, () => ingestSourceVersions(db, page, kind, read));
  if (added > 0) {
    await compactHistory(db, page.pageKey);
    const chars = read.reduce((sum, version) => sum + version.blocks.reduce((n, block) => n + block.text.length, 0), 0);
    await keepUnderBudget(db, bytesForChars(chars), (await loadRetention(db)).maxStorageMB * 1e6, keep, cause, browserHistoryUsage(db));
  }
  return added;
}
