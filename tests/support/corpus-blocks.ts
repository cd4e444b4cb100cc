import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Block } from '../../lib/blocks';
import { extractBlocks, plainBlocks } from '../../lib/extract/extract-blocks';
import { findContentRoot, findSite, ignoreSelector } from '../../lib/sites/find-site';
import { readHtml, type CorpusPage, type CorpusVersion } from './corpus';
import { closeDocument, parseHtml } from './parse-html';

const cache = new Map<string, Block[]>();

/**
 * A corpus version read the way the content script reads a live page. Parsing the 287 versions
 * takes a test file twenty seconds or more, and many files read them as their data: what one
 * file read is kept on disk for the others (node_modules/.cache), under a key made of the code
 * that reads it (lib/extract, lib/sites and what they import, the parser and this file), so a change
 * to that code reads every version afresh.
 */
export function corpusBlocks(page: CorpusPage, version: CorpusVersion): Block[] {
  const cached = cache.get(version.html);
  if (cached) return cached;
  const file = join(diskCache(), `${relative(resolve(version.html, '../..'), version.html).replace(/[^\w.-]/g, '_')}.json`);
  let blocks: Block[];
  try {
    blocks = JSON.parse(readFileSync(file, 'utf8')) as Block[];
  } catch {
    blocks = readBlocks(page, version);
    // Written whole, then renamed: a file read by another test worker is never half written.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(blocks));
    renameSync(partial, file);
  }
  cache.set(version.html, blocks);
  return blocks;
}

function readBlocks(page: CorpusPage, version: CorpusVersion): Block[] {
  const site = findSite(new URL(page.url));
  const doc = parseHtml(readHtml(version), page.url);
  try {
    const root = findContentRoot(doc, site);
    if (!root) throw new Error(`No content root in ${version.stem}`);
    return plainBlocks(extractBlocks(root, ignoreSelector(site)));
  } finally {
    closeDocument(doc);
  }
}

let folder: string | null = null;

/** The cache's folder for the reading code as it is now. */
function diskCache(): string {
  if (folder) return folder;
  const root = resolve(import.meta.dirname, '../..');
  const hash = createHash('sha256');
  const sources = [
    ...sourceFiles(join(root, 'lib/extract')),
    ...sourceFiles(join(root, 'lib/sites')),
    join(root, 'lib/blocks.ts'),
    // What lib/extract and lib/sites import from elsewhere.
    join(root, 'lib/diff/limits.ts'),
    join(root, 'lib/markdown/dialect.ts'),
    join(root, 'tests/support/parse-html.ts'),
    join(root, 'tests/support/corpus-blocks.ts'),
    join(root, 'node_modules/happy-dom/package.json'),
  ];
  for (const source of sources) hash.update(source).update(readFileSync(source));
  folder = join(root, 'node_modules/.cache/docdelta-corpus-blocks', hash.digest('hex').slice(0, 16));
  mkdirSync(folder, { recursive: true });
  return folder;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => join(dir, name));
}
