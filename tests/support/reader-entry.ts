/**
 * DocDelta's reading of a live page (lib/extract, as the content script runs it), bundled on its
 * own so a test can run it in a tab of either browser and hold it against another reader.
 */
import { extractBlocks, plainBlocks } from '../../lib/extract/extract-blocks';
import { findContentRoot, findSite, ignoreSelector } from '../../lib/sites/find-site';

(window as unknown as Record<string, unknown>).docdeltaReadPage = () => {
  const site = findSite(new URL(location.href));
  const root = findContentRoot(document, site);
  return root ? plainBlocks(extractBlocks(root, ignoreSelector(site))) : null;
};
