import { diffPages } from '../../lib/diff/diff-pages';
import type { CorpusPage, CorpusVersion } from './corpus';
import { corpusBlocks } from './corpus-blocks';

/** The first consecutive pair of a page's versions with at least `minChanges` changes, both added and removed text among them. */
export function pairWithChanges(page: CorpusPage, minChanges: number, from = 1): { before: CorpusVersion; after: CorpusVersion; changes: number } {
  for (let i = from; i < page.versions.length; i++) {
    const diff = diffPages(corpusBlocks(page, page.versions[i - 1]!), corpusBlocks(page, page.versions[i]!));
    if (diff.changes.length >= minChanges && diff.addedWords > 0 && diff.removedWords > 0) {
      return { before: page.versions[i - 1]!, after: page.versions[i]!, changes: diff.changes.length };
    }
  }
  throw new Error(`${page.slug} has no version pair with ${minChanges} changes`);
}
