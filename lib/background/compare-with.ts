import type { Block } from '../blocks';
import { diffPages } from '../diff/diff-pages';
import { diffOptionsFor } from '../sites/diff-options';
import { findAnySite, keyOfPage } from '../store/custom-sites-store';
import type { PageSeenResponse } from '../messages';
import type { DocDeltaDB } from '../store/open-db';
import { loadVersionBlocks, versionHash } from '../store/page-history';
import { InvalidMessageError } from './validate';

/**
 * Diffs what the page shows now against a stored version the reader chose.
 * The version must belong to the page the content script is on: a script
 * can only ever see its own page's history.
 */
export async function handleCompareWith(
  db: DocDeltaDB,
  request: { url: string; blocks: Block[]; versionId: number },
): Promise<PageSeenResponse> {
  const version = await db.get('versions', request.versionId);
  if (!version || version.pageKey !== (await keyOfPage(db, request.url))) {
    throw new InvalidMessageError('that version is not a version of this page');
  }
  return {
    changes: diffPages(await loadVersionBlocks(db, request.versionId), request.blocks, diffOptionsFor(await findAnySite(db, new URL(request.url)))),
    baseline: { versionId: request.versionId, capturedAt: version.capturedAt, source: version.source },
    // Choosing a version is asking to see it.
    highlights: true,
    currentVersionId: (await db.getKeyFromIndex('versions', 'byPageHash', [version.pageKey, versionHash(request.blocks)])) ?? null,
  };
}
