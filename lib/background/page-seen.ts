import type { Block } from '../blocks';
import { chooseBaseline, trustedViews } from '../baseline';
import { diffPages } from '../diff/diff-pages';
import { diffOptionsFor } from '../sites/diff-options';
import { emptyChangeSet } from '../diff/change-set';
import type { PageSeenResponse } from '../messages';
import { findAnySite, keyOfPage } from '../store/custom-sites-store';
import type { DocDeltaDB } from '../store/open-db';
import { firstVisitBaseline } from './first-visit-baseline';
import { pageSources } from './page-sources';
import type { SyncOptions } from '../feed/sync-page';
import { compactHistory } from '../store/compact-history';
import type { View } from '../store/schema';
import { pageTimeline } from '../store/page-timeline';
import { applyRetention, loadRetention } from '../store/retention';
import { withRoom } from '../store/storage-full';
import { bytesForChars, keepUnderBudget } from '../store/storage-budget';
import { browserHistoryUsage } from './browser-storage';
import { highlightsOn, siteEnabled } from '../store/settings';
import { loadVersionBlocks, recordVisit } from '../store/page-history';

export interface PageSeen {
  /** The tab's URL as the browser reports it (never taken from the page). */
  url: string;
  title: string;
  blocks: Block[];
  now: number;
  /** False when the page's own script reached this URL (no click or key of the reader's just before). */
  opened?: boolean;
}

/** Why DocDelta ignores a plain-http copy of a page it has read over https. */
export class InsecureCopyError extends Error {
  constructor() {
    super('This page came over plain http, and DocDelta has read it over https before: an unencrypted copy could have been changed on the way, so it is not stored or compared. Open the https address to see its changes.');
    this.name = 'InsecureCopyError';
  }
}

export interface PageSeenResult {
  response: PageSeenResponse;
  /** Work that does not change this answer (packing old text, refreshing the feed); safe to lose. */
  housekeeping: Promise<void>;
  /** The key the page's history is stored under (null: not tracked). */
  pageKey: string | null;
}

/** Stores the visit and diffs the page against its baseline. */
export async function handlePageSeen(
  db: DocDeltaDB,
  seen: PageSeen,
  options: {
    sync?: SyncOptions;
    /** Called before a page never stored is added; throws to refuse it (NewPageRate). */
    admitNewPage?: (siteId: string) => void | Promise<void>;
    /** Keys of the pages on screen in the reader's tabs: never removed to make room. */
    onScreen?: () => Iterable<string>;
  } = {},
): Promise<PageSeenResult> {
  const url = new URL(seen.url);
  const site = await findAnySite(db, url);
  const housekeeping: Promise<void>[] = [];
  let key: string | null = null;
  const result = (response: PageSeenResponse): PageSeenResult => ({ response, housekeeping: Promise.all(housekeeping).then(() => undefined), pageKey: key });
  // A site the reader switched off in Options: nothing is stored or shown.
  if (!site || !(await siteEnabled(db, site.id))) return result({ changes: emptyChangeSet(), baseline: null, highlights: true, currentVersionId: null });
  key = await keyOfPage(db, seen.url);
  // A page read over https has a history a network attacker cannot write to; a plain-http
  // response for the same page (an injected one, perhaps) is neither stored nor compared.
  const stored = await db.get('pages', key);
  if (url.protocol === 'http:' && stored?.url.startsWith('https:')) throw new InsecureCopyError();
  if (!stored) await options.admitNewPage?.(site.id);
  const keep = new Set([key, ...(options.onScreen?.() ?? [])]);
  const cause = { now: seen.now, site: site.id };
  const visit = await withRoom(db, cause, keep, () => recordVisit(db, {
    pageKey: key!,
    url: seen.url,
    title: seen.title.slice(0, 500),
    siteId: site.id,
    blocks: seen.blocks,
    at: seen.now,
    insecure: url.protocol === 'http:',
    unopened: seen.opened === false,
  }));
  // Not awaited: packing old text is housekeeping, and safe to redo if the worker stops.
  if (visit.isNewVersion) {
    const tidy = async () => {
      const retention = await loadRetention(db);
      await applyRetention(db, visit.page.key, retention, seen.now);
      await compactHistory(db, visit.page.key);
      const chars = seen.blocks.reduce((sum, block) => sum + block.text.length, 0);
      await keepUnderBudget(db, bytesForChars(chars), retention.maxStorageMB * 1e6, keep, cause, browserHistoryUsage(db));
      // Counting the new version's words now keeps the popup's timeline instant.
      await pageTimeline(db, visit.page.key);
    };
    housekeeping.push(tidy().catch((error) => console.warn('DocDelta: tidying history failed', error)));
  } else {
    // Listed again now (a visit is a write), so the popup finds it ready.
    housekeeping.push(pageTimeline(db, visit.page.key).then(() => undefined, () => undefined));
  }
  // What was read over plain http (before the site had https, or injected) is no https visit's baseline.
  const views = trustedViews(visit.page.views, url.protocol === 'https:');
  let baselineId = chooseBaseline(views);
  let unmatched = false;
  const sources = await pageSources(db, site.id, visit.page, seen.url, seen.now, options.sync);
  if (views.length === 1) {
    // A page never visited before (or reloaded on that first visit): the answer waits for its
    // feed; then it is compared with what its sources hold (the feed's versions, else what an
    // archive gave at the popup's click or with "always"), so a reload keeps the changes.
    await sources.refresh();
    ({ versionId: baselineId, unmatched } = await firstVisitBaseline(db, visit.page.key, seen.blocks, visit.versionId, sources.order));
  } else {
    // A page visited before compares with the reader's own visit; its sources only add to its
    // timeline, so they are refreshed (cheaply, with conditional requests) without waiting.
    housekeeping.push(sources.refresh());
  }
  const highlights = await highlightsOn(db, site.id);
  if (baselineId === null) return result({ changes: emptyChangeSet(), baseline: null, highlights, currentVersionId: visit.versionId });
  const [baselineBlocks, baselineVersion] = await Promise.all([
    loadVersionBlocks(db, baselineId),
    db.get('versions', baselineId),
  ]);
  return result({
    changes: diffPages(baselineBlocks, seen.blocks, diffOptionsFor(site)),
    baseline: {
      versionId: baselineId,
      capturedAt: lastSeen(views, baselineId) ?? baselineVersion?.capturedAt ?? 0,
      source: baselineVersion?.source ?? 'visit',
      ...(unmatched ? { unmatched: true } : {}),
    },
    highlights,
    currentVersionId: visit.versionId,
  });
}

/** When the reader last had this version on screen (before the current view), if they ever did. */
function lastSeen(views: readonly View[], versionId: number): number | null {
  const earlier = views.slice(0, -1).filter((view) => view.version === versionId);
  return earlier.length ? Math.max(...earlier.map((view) => view.last)) : null;
}
