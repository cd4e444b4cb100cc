import type { DocDeltaDB } from '../store/open-db';
import { ingestSourceVersions, type SourcePage, type SourceVersionToStore } from '../store/ingest-source-versions';

export type FeedVersionToStore = SourceVersionToStore;
export type FeedPage = SourcePage;

/** Stores a page's feed versions in one transaction (ingestSourceVersions, tagged as the feed's). */
export function ingestFeedVersions(db: DocDeltaDB, page: FeedPage, versions: readonly FeedVersionToStore[]): Promise<number> {
  return ingestSourceVersions(db, page, 'feed', versions);
}
