import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFeed } from '../../cli/feed/build-feed';
import { snapshotVersions } from '../../cli/feed/snapshot-source';
import type { CorpusPage, CorpusVersion } from './corpus';

/**
 * Builds a DocDelta feed of a corpus page's markdown sources (those of `versions`; all
 * of the page's by default) with the project's own builder, into `out` (a new temporary
 * folder unless given). Returns the folder.
 */
export async function buildMarkdownFeed(page: CorpusPage, versions: readonly CorpusVersion[] = page.versions, out = mkdtempSync(join(tmpdir(), 'docdelta-feed-'))): Promise<string> {
  const snapshots = mkdtempSync(join(tmpdir(), 'docdelta-snap-'));
  mkdirSync(join(snapshots, page.slug));
  for (const version of versions) if (version.markdownPath) copyFileSync(version.markdownPath, join(snapshots, page.slug, `${version.stem}.md`));
  await buildFeed(snapshotVersions(snapshots, 'https://www.django-rest-framework.org/{path}/'), { out, title: 'DRF' });
  return out;
}
