import type { Block } from '../blocks';
import { feedBaseline, type FeedBaseline } from '../published/published-baseline';
import type { DocDeltaDB } from '../store/open-db';
import type { PublishedSource } from '../store/schema';

/**
 * The baseline of a page the reader is seeing for the first time (a reload included): the
 * version before the one the live page is, among the first of `sources` that holds any of the
 * page's versions (the same rule for a feed's, a capture's and a commit's versions).
 */
export async function firstVisitBaseline(db: DocDeltaDB, pageKey: string, live: readonly Block[], liveVersionId: number, sources: readonly PublishedSource[]): Promise<FeedBaseline> {
  for (const source of sources) {
    const baseline = await feedBaseline(db, pageKey, live, liveVersionId, source);
    if (baseline.versionId !== null) return baseline;
  }
  return { versionId: null, unmatched: false };
}
