import type { Block } from '../../lib/blocks';
import { extractBlocks, plainBlocks } from '../../lib/extract/extract-blocks';
import { findContentRoot, findSite, ignoreSelector } from '../../lib/sites/find-site';
import { readHtml, type CorpusPage, type CorpusVersion } from './corpus';
import { closeDocument, parseHtml } from './parse-html';

const cache = new Map<string, Block[]>();

/** A corpus version read the way the content script reads a live page. */
export function corpusBlocks(page: CorpusPage, version: CorpusVersion): Block[] {
  const cached = cache.get(version.html);
  if (cached) return cached;
  const site = findSite(new URL(page.url));
  const doc = parseHtml(readHtml(version), page.url);
  try {
    const root = findContentRoot(doc, site);
    if (!root) throw new Error(`No content root in ${version.stem}`);
    const blocks = plainBlocks(extractBlocks(root, ignoreSelector(site)));
    cache.set(version.html, blocks);
    return blocks;
  } finally {
    closeDocument(doc);
  }
}
