import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diffArrays } from 'diff';
import { expandSiteVariables, loadJekyllSite, type SiteFiles } from '../../cli/feed/jekyll-site';
import type { Block } from '../../lib/blocks';
import { diffPages } from '../../lib/diff/diff-pages';
import { feedBaseline } from '../../lib/published/published-baseline';
import { htmlBlocks } from '../../lib/published/html-blocks';
import { ingestFeedVersions } from '../../lib/feed/ingest-feed-versions';
import { markdownToBlocks } from '../../lib/markdown/markdown-blocks';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { openDocDeltaDB } from '../../lib/store/open-db';
import { loadVersionBlocks, recordVisit } from '../../lib/store/page-history';
import { renderedMdxWords, renderMdxHtml } from './mdx-render';

/**
 * The real docs sources with their history in tests/fixtures/markdown-sources
 * (see its manifest.json), and the measures the tests assert and the bench
 * reports per corpus: how far what DocDelta reads in a version is from the page
 * built from it, whether changes between versions agree, and whether a first
 * visit finds the version the live page is. Callers import fake-indexeddb.
 */
const root = 'tests/fixtures/markdown-sources';
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { sources: { slug: string; site?: string }[] };

export const sourcePages = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  // <corpus>/<page>/<versions>; single/ holds lone versions (no history) that other tests read.
  .flatMap((source) => {
    // A source whose site is in the site table is read with that site's rules (its markdown dialect).
    const siteId = manifest.sources.find((entry) => entry.slug === source.name)?.site;
    const site = siteId ? builtinSites.find((rule) => rule.id === siteId) : undefined;
    return readdirSync(join(root, source.name), { withFileTypes: true })
      .filter((page) => page.isDirectory())
      .map((page) => ({ corpus: source.name, name: `${source.name}/${page.name}`, dir: join(root, source.name, page.name), site }));
  });
export type SourcePage = (typeof sourcePages)[number];

/**
 * A page's versions, oldest first, each with the page a reader sees from it: MDX rendered by
 * the MDX compiler, or, where the corpus holds it, the HTML the site's own build made from it.
 */
export const versionsOf = (page: SourcePage) =>
  readdirSync(page.dir)
    .filter((file) => !file.endsWith('.html') && !file.endsWith('.site'))
    .sort()
    .map((file) => {
      // As the feed builder writes it: with the site's variables where a Jekyll corpus keeps them beside the version.
      const siteDir = join(page.dir, file.replace(/\.\w+$/, '.site'));
      const written = readFileSync(join(page.dir, file), 'utf8');
      const source = existsSync(siteDir) ? expandSiteVariables(written, loadJekyllSite(siteFilesIn(siteDir))) : written;
      const built = join(page.dir, file.replace(/\.\w+$/, '.html'));
      const html = existsSync(built) ? readFileSync(built, 'utf8') : null;
      return {
        file,
        source,
        /** What the live page is made of, as DocDelta reads a page. */
        liveBlocks: () => (html === null ? htmlBlocks(renderMdxHtml(source), undefined) : htmlBlocks(html, page.site)),
        /** The rendered page's words: the independent reference. */
        renderedWords: () => (html === null ? renderedMdxWords(source) : wordsOf(htmlBlocks(html, page.site))),
      };
    });

/** A site folder kept beside a version, read as the feed builder reads the site's files at a commit. */
function siteFilesIn(dir: string): SiteFiles {
  const read = (path: string) => (existsSync(join(dir, path)) ? readFileSync(join(dir, path), 'utf8') : null);
  const dataDir = join(dir, '_data');
  const dataFiles = existsSync(dataDir) ? readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).map((path) => `_data/${path}`).filter((path) => statSync(join(dir, path)).isFile()) : [];
  return { read, dataFiles: () => dataFiles };
}

export const wordsOf = (blocks: Block[]) => blocks.flatMap((block) => block.text.split(/\s+/).filter(Boolean));
export const readMarkdown = (page: SourcePage, source: string) => markdownToBlocks(source, page.site?.markdown);

export const changedWords = (a: string[], b: string[]) => {
  const added: string[] = [];
  const removed: string[] = [];
  for (const part of diffArrays(a, b)) {
    if (part.added) added.push(...part.value);
    if (part.removed) removed.push(...part.value);
  }
  return { added, removed };
};

/** Source syntax a reader never sees outside code; counted only beyond what the built page itself shows. */
export const SOURCE_SYNTAX = ['](', '**', '{/*', '<Tab', '<Step', '<Card', '<Note', '{{<', '{%', ':::'];

/** What DocDelta reads in each version against the built page, and each change against the built pages' change. */
export function measurePage(page: SourcePage) {
  const versions = versionsOf(page);
  let differing = 0;
  let total = 0;
  const changes: { ours: ReturnType<typeof changedWords>; reference: ReturnType<typeof changedWords> }[] = [];
  let previous: { ours: string[]; rendered: string[] } | null = null;
  for (const version of versions) {
    const rendered = version.renderedWords();
    const ours = wordsOf(readMarkdown(page, version.source));
    const diff = changedWords(rendered, ours);
    differing += Math.max(diff.added.length, diff.removed.length);
    total += rendered.length;
    if (previous) changes.push({ ours: changedWords(previous.ours, ours), reference: changedWords(previous.rendered, rendered) });
    previous = { ours, rendered };
  }
  const newest = versions.at(-1)!;
  const read = readMarkdown(page, newest.source).map((block) => block.text).join('\n');
  const shown = newest.renderedWords().join(' ');
  const syntaxLeaks = SOURCE_SYNTAX.map((syntax) => ({ syntax, extra: read.split(syntax).length - shown.split(syntax).length })).filter((leak) => leak.extra > 0);
  return { versions: versions.length, firstWords: versions[0]?.renderedWords().length ?? 0, differingShare: differing / Math.max(total, 1), changes, syntaxLeaks };
}

/**
 * Each version's built page as the live page on a first visit, the feed as it stood when
 * that version was published. Right means the reader sees the changes they would see with
 * the true previous version; versions that read the same as the live page are each a right
 * answer for "which one it is" (nothing in the text tells them apart).
 */
export async function firstVisitBaselines(page: SourcePage) {
  const versions = versionsOf(page);
  const files = versions.map((version) => version.file);
  const readings = versions.map((version) => readMarkdown(page, version.source));
  // Two versions are one when their words are (a change the diff passes over, a date, still makes a version).
  const same = (a: Block[], b: Block[]) => a.map((block) => block.text).join(' ') === b.map((block) => block.text).join(' ');
  const seen = (baseline: Block[] | null, live: Block[]) => {
    const diff = baseline ? diffPages(baseline, live) : null;
    // No baseline and a baseline that reads like the page both show nothing.
    return diff && diff.addedWords + diff.removedWords > 0 ? `${diff.addedWords}/${diff.removedWords}` : 'nothing';
  };
  let right = 0;
  const wrong: string[] = [];
  for (let k = 0; k < versions.length; k++) {
    const live = versions[k]!.liveBlocks();
    const db = await openDocDeltaDB(`source-baseline-${page.name}-${k}-${Math.random()}`);
    const target = { pageKey: page.name, url: `https://docs.example/${page.name}`, title: page.name, siteId: 'test' };
    const visit = await recordVisit(db, { ...target, blocks: live, at: Date.UTC(2027, 0, 1) });
    await ingestFeedVersions(db, target, readings.slice(0, k + 1).map((blocks, i) => ({ id: files[i]!, time: timeOf(files[i]!), blocks })));
    const { versionId, unmatched } = await feedBaseline(db, page.name, live, visit.versionId);
    const chosen = seen(versionId === null ? null : await loadVersionBlocks(db, versionId), live);
    db.close();
    const acceptable = readings
      .slice(0, k + 1)
      .map((reading, j) => (same(reading, readings[k]!) ? readings.slice(0, j).reverse().find((older) => !same(older, reading)) ?? null : undefined))
      .filter((before) => before !== undefined)
      .map((before) => seen(before, live));
    if (!unmatched && acceptable.includes(chosen)) right++;
    else wrong.push(`${page.name} at ${files[k]}: shows ${chosen}, expected ${acceptable.join(' or ')}`);
  }
  return { visits: versions.length, right, wrong };
}

const timeOf = (file: string) => Date.parse(file.slice(0, 16).replace(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/, '$1-$2-$3T$4:$5:$6Z'));
