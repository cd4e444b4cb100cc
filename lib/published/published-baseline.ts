import type { Block } from '../blocks';
import { diffPages } from '../diff/diff-pages';
import { countWords } from '../diff/tokens';
import type { DocDeltaDB } from '../store/open-db';
import { loadVersionBlocks } from '../store/page-history';
import type { PublishedSource, StoredVersion } from '../store/schema';
import { originIn } from '../store/version-origins';

/** Share of the live page's words a feed version may lack and still be the live page (markdown renders a few words differently). */
const SAME_PAGE = 0.01;
/**
 * Share of the live page's words that may be the site's own, held by none of the feed's versions
 * (a shortcode's output, an embed shown as code, a generated table): such words count against no version.
 */
const SITE_OWN = 0.05;
/** Feed versions compared with the live page, newest first: enough for a page a few deploys behind or ahead of its feed. */
const CANDIDATES = 8;

export interface FeedBaseline {
  versionId: number | null;
  /** The live page is none of the feed's versions: the newest is the baseline, and the reader is told. */
  unmatched: boolean;
}

/**
 * The baseline for a page the reader never visited before: the feed version
 * before the one the live page is. Which one the live page is: among the
 * versions that hold (nearly) all of the live page's words, the one that
 * differs from it least, newest first on a tie. Markdown often holds more than
 * its page (tabs and switchers whose hidden panes are not rendered, an
 * export's preface), so extra words in a version do not rule it out; missing
 * ones do, except words that every version lacks (up to a twentieth of the
 * page), which the site's build adds. Counting both in the choice keeps a neighbouring version, missing
 * only the page's newest small edit, from being taken for it. The newest
 * version wins when it is within 1% of the closest, so a page behind its feed
 * is told apart only by more than that.
 */
export async function feedBaseline(db: DocDeltaDB, pageKey: string, current: readonly Block[], currentVersionId: number, from: PublishedSource = 'feed'): Promise<FeedBaseline> {
  // The same choice for an archive's versions (a capture or a commit), by their own times.
  const published = (version: StoredVersion) => originIn(version, from);
  const feedVersions = (await db.getAllFromIndex('versions', 'byPage', pageKey))
    .filter((version) => published(version))
    .sort((a, b) => published(b)!.time - published(a)!.time);
  if (feedVersions.length === 0) return { versionId: null, unmatched: false };
  const liveWords = Math.max(current.reduce((n, block) => n + countWords(block.text), 0), 1);
  const slack = SAME_PAGE * liveWords;
  const diffAt = async (index: number) => {
    const version = feedVersions[index]!;
    // The live page's text is this version's exactly (they are one stored version).
    const diff = version.id === currentVersionId ? { addedWords: 0, removedWords: 0 } : diffPages(await loadVersionBlocks(db, version.id!), current);
    return { missing: diff.addedWords, differing: diff.addedWords + diff.removedWords };
  };
  const candidates: Array<{ index: number; missing: number; differing: number }> = [];
  for (let index = 0; index < Math.min(CANDIDATES, feedVersions.length); index++) candidates.push({ index, ...(await diffAt(index)) });
  // Words that every candidate lacks are the site's own (up to a twentieth of the page), not a sign against any one.
  const siteOwn = Math.min(...candidates.map((c) => c.missing));
  if (siteOwn > SITE_OWN * liveWords + slack) return { versionId: feedVersions[0]!.id!, unmatched: true };
  const qualifying = candidates
    .filter((c) => c.missing <= siteOwn + slack)
    .map((c) => ({ index: c.index, differing: c.differing - siteOwn }));
  // A newest version as close as the closest (within the 1% markdown may differ from its page)
  // is the page: a commit that changed the source but not what the page shows reads like the
  // version before it, and the site serves the newer one.
  const least = Math.min(...qualifying.map((q) => q.differing));
  const newest = qualifying[0]!;
  const chosen = newest.index === 0 && newest.differing <= least + slack ? newest : qualifying.find((q) => q.differing === least)!;
  // The version before it: the first older one whose words differ from it at all (versions stored
  // apart for a change of layout alone have the same words, and comparing with one shows nothing;
  // a change the diff passes over, such as a date, still makes a version).
  const wordsOf = async (index: number) => (await loadVersionBlocks(db, feedVersions[index]!.id!)).map((block) => block.text).join(' ');
  const chosenWords = await wordsOf(chosen.index);
  for (let index = chosen.index + 1; index < Math.min(feedVersions.length, chosen.index + 1 + CANDIDATES); index++) {
    if ((await wordsOf(index)) !== chosenWords) return { versionId: feedVersions[index]!.id!, unmatched: false };
  }
  return { versionId: feedVersions[chosen.index + 1]?.id ?? null, unmatched: false };
}
