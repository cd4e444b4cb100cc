import type { Block } from '../../lib/blocks';
import { extractBlocks, plainBlocks } from '../../lib/extract/extract-blocks';
import { findContentRoot, findSite, ignoreSelector } from '../../lib/sites/find-site';
import { readHtml, type CorpusPage, type CorpusVersion } from './corpus';
import { parseHtml } from './parse-html';

/** A corpus version read the way the content script reads a live page. */
export function corpusBlocks(page: CorpusPage, version: CorpusVersion): Block[] {
  const site = findSite(new URL(page.url));
  const doc = parseHtml(readHtml(version), page.url);
  const root = findContentRoot(doc, site);
  if (!root) throw new Error(`No content root in ${version.stem}`);
  return plainBlocks(extractBlocks(root, ignoreSelector(site)));
}
