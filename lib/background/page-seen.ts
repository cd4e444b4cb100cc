import type { Block } from '../blocks';
import { chooseBaseline } from '../baseline';
import { diffPages } from '../diff/diff-pages';
import { emptyChangeSet } from '../diff/change-set';
import type { PageSeenResponse } from '../messages';
import { pageKey } from '../page-identity';
import { findSite } from '../sites/find-site';
import type { DocDeltaDB } from '../store/open-db';
import { feedBaseline } from '../feed/feed-baseline';
import { syncPageFromFeed, type SyncOptions } from '../feed/sync-page';
import { compactHistory } from '../store/compact-history';
import { loadVersionBlocks, recordVisit } from '../store/page-history';

export interface PageSeen {
  /** The tab's URL as the browser reports it (never taken from the page). */
  url: string;
  canonical: string | null;
  title: string;
  blocks: Block[];
  now: number;
}

/** Stores the visit and diffs the page against its baseline. */
export async function handlePageSeen(db: DocDeltaDB, seen: PageSeen, options: { sync?: SyncOptions } = {}): Promise<PageSeenResponse> {
  const url = new URL(seen.url);
  const site = findSite(url);
  if (!site) return { changes: emptyChangeSet(), baseline: null };
  const visit = await recordVisit(db, {
    pageKey: pageKey(seen.url, seen.canonical),
    url: seen.url,
    title: seen.title.slice(0, 500),
    siteId: site.id,
    blocks: seen.blocks,
    at: seen.now,
  });
  // Not awaited: packing old text is housekeeping, and safe to redo if the worker stops.
  if (visit.isNewVersion) void compactHistory(db, visit.page.key).catch((error) => console.warn('DocDelta: compacting history failed', error));
  let baselineId = chooseBaseline(visit.page.views);
  // A page seen for the first time: its site's feed, if one is configured, knows its history.
  const feed = await db.get('feeds', site.id);
  if (feed && visit.page.views.length === 1) {
    await syncPageFromFeed(db, feed.url, { pageKey: visit.page.key, url: seen.url, title: visit.page.title, siteId: site.id }, options.sync);
    baselineId = await feedBaseline(db, visit.page.key, seen.blocks, visit.versionId);
  }
  if (baselineId === null) return { changes: emptyChangeSet(), baseline: null };
  const [baselineBlocks, baselineVersion] = await Promise.all([
    loadVersionBlocks(db, baselineId),
    db.get('versions', baselineId),
  ]);
  return {
    changes: diffPages(baselineBlocks, seen.blocks),
    baseline: { capturedAt: baselineVersion?.capturedAt ?? 0, source: baselineVersion?.source ?? 'visit' },
  };
}
