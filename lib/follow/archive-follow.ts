import type { Block } from '../blocks';
import { askListing, type ArchiveHost } from '../history/ask-archive';
import { WAYBACK_NAME } from '../history/archive-sources';
import { HistoryError } from '../history/history-error';
import { docsPrefixes, parsePrefixAnswer, prefixQueryUrl, PREFIX_LIMITS } from '../history/wayback-prefix';
import { waybackSource } from '../history/wayback-source';
import type { ArchiveCapture } from '../history/wayback';
import type { SiteRule } from '../sites/site-rule';
import { pageKeyReader } from '../store/custom-sites-store';
import type { DocDeltaDB } from '../store/open-db';
import type { SourceVersionToStore } from '../store/ingest-source-versions';
import { originIn } from '../store/version-origins';
import type { SourceState } from './follow-record';
import { titleOf } from './page-title';
import { loadVersionBlocks } from '../store/page-history';
import { FOLLOW_WINDOW_MS } from './follow-schedule';
import type { CheckOutcome, FollowHost } from './github-follow';

/** Pages read in one check; more wait for the next day's (the listing is asked from the same time again). */
export const ARCHIVE_PAGES_PER_CHECK = 20;

/**
 * One check of a followed site at the Internet Archive, when the reader turned it on for the
 * site: the captures of its docs prefixes since the last check (one request per prefix), then,
 * for each page captured with new content, its newest capture (one request) and, the first
 * time, the capture before it (two more: its listing and its text). Each version is dated by
 * its capture. Only pages whose capture differs from what DocDelta has are read.
 */
export async function checkArchiveFollow(db: DocDeltaDB, site: SiteRule, state: SourceState, now: number, host: FollowHost): Promise<CheckOutcome> {
  let requests = 0;
  const counted = host.ask.fetch ?? fetch;
  const ask: ArchiveHost = { ...host.ask, name: WAYBACK_NAME, fetch: (input, init) => ((requests += 1), counted(input, init)) };
  const since = state.since ?? now - FOLLOW_WINDOW_MS;
  let progress: SourceState = { ...state, since };
  let pages = 0;
  try {
    const from = state.listedTo ?? since;
    const captures: ArchiveCapture[] = [];
    for (const prefix of docsPrefixes(site)) {
      const answer = await askListing(prefixQueryUrl(prefix, from), PREFIX_LIMITS.bytes, ask, (bytes) => parsePrefixAnswer(new TextDecoder().decode(bytes), prefix, now));
      if (answer.status !== 200) throw new HistoryError(`${WAYBACK_NAME} could not list the site's captures.`);
      captures.push(...answer.value);
    }
    const newestOf = new Map<string, ArchiveCapture>();
    const keyOf = await pageKeyReader(db);
    for (const capture of captures.sort((a, b) => b.time - a.time)) {
      if (!site.matches(new URL(capture.original))) continue;
      const key = keyOf(capture.original);
      if (!newestOf.has(key)) newestOf.set(key, capture);
    }
    const waiting = [...newestOf].slice(0, ARCHIVE_PAGES_PER_CHECK);
    for (const [pageKey, capture] of waiting) {
      if (!(await host.stillWanted())) return { state: progress, pages, requests, error: null };
      const versions = await readChanged(db, site, pageKey, capture, ask);
      if (versions.length > 0 && (await host.store({ pageKey, url: capture.original, title: titleOf(versions.at(-1)!.blocks, capture.original), siteId: site.id }, versions)) > 0) pages++;
    }
    // Everything listed was read: the next check lists from the newest capture on.
    if (newestOf.size <= ARCHIVE_PAGES_PER_CHECK && captures.length > 0) progress = { ...progress, listedTo: Math.max(...captures.map((capture) => capture.time)) + 1000 };
    return { state: progress, pages, requests, error: null };
  } catch (error) {
    if (!(error instanceof HistoryError)) throw error;
    return { state: progress, pages, requests, error };
  }
}

/** The page's newest capture when DocDelta lacks it, and the capture before it when the page has none from the archive. */
async function readChanged(db: DocDeltaDB, site: SiteRule, pageKey: string, capture: ArchiveCapture, ask: ArchiveHost): Promise<SourceVersionToStore[]> {
  const stored = await db.getAllFromIndex('versions', 'byPage', pageKey);
  if (stored.some((version) => originIn(version, 'archive')?.id === capture.timestamp)) return [];
  const source = waybackSource(capture.original, site, ask);
  const newest = { id: capture.timestamp, time: capture.time };
  const fromArchive = stored.some((version) => originIn(version, 'archive'));
  if (fromArchive) return [{ ...newest, blocks: await source.read(newest, await latestBlocks(db, pageKey)) }];
  // A page the archive never gave: its capture before this one, each read against the other
  // (an error page saved at the address reads as a different page, and neither is kept).
  const [before] = await source.list({ newest: 1, before: newest });
  if (!before) return [];
  const newestBlocks = await source.read(newest, []);
  const beforeBlocks = await source.read(before, newestBlocks);
  return [{ id: before.id, time: before.time, blocks: beforeBlocks }, { ...newest, blocks: newestBlocks }];
}

async function latestBlocks(db: DocDeltaDB, pageKey: string): Promise<Block[]> {
  const page = await db.get('pages', pageKey);
  return page ? loadVersionBlocks(db, page.latestVersion) : [];
}
