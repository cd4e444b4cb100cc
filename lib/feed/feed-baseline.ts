import type { Block } from '../blocks';
import { diffPages } from '../diff/diff-pages';
import { countWords } from '../diff/tokens';
import type { DocDeltaDB } from '../store/open-db';
import { loadVersionBlocks } from '../store/page-history';

/** Share of the live page's words a feed version may lack and still be the live page (markdown renders a few words differently). */
const SAME_PAGE = 0.01;
/** Feed versions compared with the live page, newest first: enough for a page a few deploys behind or ahead of its feed. */
const CANDIDATES = 8;

export interface FeedBaseline {
  versionId: number | null;
  /** The live page is none of the feed's versions: the newest is the baseline, and the reader is told. */
  unmatched: boolean;
}

/**
 * The baseline for a page the reader never visited before: the feed version
 * before the one the live page is. Which one the live page is: a version that
 * holds (nearly) all of the live page's words, and among those the one with
 * the fewest words the page does not show. Markdown often holds more than its
 * page (tabs and switchers whose hidden panes are not rendered, an export's
 * preface), so extra words in a version do not rule it out; missing ones do.
 */
export async function feedBaseline(db: DocDeltaDB, pageKey: string, current: readonly Block[], currentVersionId: number): Promise<FeedBaseline> {
  const feedVersions = (await db.getAllFromIndex('versions', 'byPage', pageKey))
    .filter((version) => version.feed)
    .sort((a, b) => b.feed!.time - a.feed!.time);
  if (feedVersions.length === 0) return { versionId: null, unmatched: false };
  const before = (index: number) => ({ versionId: feedVersions[index + 1]?.id ?? null, unmatched: false });
  // The live page's text is a feed version's exactly.
  const exact = feedVersions.findIndex((version) => version.id === currentVersionId);
  if (exact >= 0) return before(exact);

  const liveWords = Math.max(current.reduce((n, block) => n + countWords(block.text), 0), 1);
  let best: { index: number; extra: number } | null = null;
  for (let index = 0; index < Math.min(CANDIDATES, feedVersions.length); index++) {
    const diff = diffPages(await loadVersionBlocks(db, feedVersions[index]!.id!), current);
    if (diff.addedWords > SAME_PAGE * liveWords) continue;
    if (!best || diff.removedWords < best.extra) best = { index, extra: diff.removedWords };
  }
  return best ? before(best.index) : { versionId: feedVersions[0]!.id!, unmatched: true };
}
