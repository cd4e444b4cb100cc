import type { Block } from '../blocks';
import { diffPages } from '../diff/diff-pages';
import { countWords } from '../diff/tokens';
import type { DocDeltaDB } from '../store/open-db';
import { loadVersionBlocks } from '../store/page-history';

/** A feed version this close to the live page (share of words changed) is the live page. */
const SAME_PAGE = 0.01;

/**
 * The baseline for a page the reader never visited before: the feed's
 * previous version when its newest one is what the page shows now (a
 * markdown twin differs from its rendered page only by a few words), or the
 * feed's newest version when the page has changed since the feed was built.
 */
export async function feedBaseline(db: DocDeltaDB, pageKey: string, current: readonly Block[], currentVersionId: number): Promise<number | null> {
  const feedVersions = (await db.getAllFromIndex('versions', 'byPage', pageKey))
    .filter((version) => version.feed)
    .sort((a, b) => b.feed!.time - a.feed!.time);
  const [newest, previous] = feedVersions;
  if (!newest) return null;
  if (newest.id === currentVersionId) return previous?.id ?? null;
  const diff = diffPages(await loadVersionBlocks(db, newest.id!), current);
  const words = current.reduce((n, block) => n + countWords(block.text), 0);
  const isCurrent = diff.addedWords + diff.removedWords <= SAME_PAGE * Math.max(words, 1);
  return isCurrent ? previous?.id ?? null : newest.id!;
}
