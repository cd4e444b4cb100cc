import 'fake-indexeddb/auto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffArrays } from 'diff';
import type { Block } from '../../lib/blocks';
import { diffPages } from '../../lib/diff/diff-pages';
import { describe, expect, test } from 'vitest';
import { feedBaseline } from '../../lib/feed/feed-baseline';
import { htmlBlocks } from '../../lib/feed/html-blocks';
import { ingestFeedVersions } from '../../lib/feed/ingest-feed-versions';
import { markdownToBlocks } from '../../lib/markdown/markdown-blocks';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { openDocDeltaDB } from '../../lib/store/open-db';
import { loadVersionBlocks, recordVisit } from '../../lib/store/page-history';
import { renderedMdxWords, renderMdxHtml } from '../support/mdx-render';
import { Score } from '../support/word-accuracy';

const root = 'tests/fixtures/markdown-sources';
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { sources: { slug: string; site?: string }[] };
const pages = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  // <site>/<page>/<versions>; single/ holds lone versions (no history) that other tests read.
  .flatMap((source) => {
    // A source whose site is in the site table is read with that site's rules (its markdown dialect).
    const siteId = manifest.sources.find((entry) => entry.slug === source.name)?.site;
    const site = siteId ? builtinSites.find((rule) => rule.id === siteId) : undefined;
    return readdirSync(join(root, source.name), { withFileTypes: true })
      .filter((page) => page.isDirectory())
      .map((page) => ({ name: `${source.name}/${page.name}`, dir: join(root, source.name, page.name), site }));
  });
type Page = (typeof pages)[number];

/**
 * A version and the page a reader sees from it: MDX rendered here by the MDX compiler, or,
 * where the corpus holds it, the HTML the site's own build made from that version.
 */
const versionsOf = (page: Page) =>
  readdirSync(page.dir)
    .filter((file) => !file.endsWith('.html'))
    .sort()
    .map((file) => {
      const source = readFileSync(join(page.dir, file), 'utf8');
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
const wordsOf = (blocks: Block[]) => blocks.flatMap((block) => block.text.split(/\s+/).filter(Boolean));
const readMarkdown = (page: Page, source: string) => markdownToBlocks(source, page.site?.markdown);
const changedWords = (a: string[], b: string[]) => {
  const added: string[] = [];
  const removed: string[] = [];
  for (const part of diffArrays(a, b)) {
    if (part.added) added.push(...part.value);
    if (part.removed) removed.push(...part.value);
  }
  return { added, removed };
};

describe('real MDX, Hugo and Jekyll sources read like the pages built from them', () => {
  const added = new Score();
  const removed = new Score();
  const differingShare = new Map<string, number[]>();
  test.each(pages.map((page) => [page.name, page] as const))('%s', (_name, page) => {
    const versions = versionsOf(page);
    expect(versions.length).toBeGreaterThan(1);
    expect(versions[0]!.renderedWords().length, 'the rendered reference is a real page').toBeGreaterThan(300);
    let differing = 0;
    let total = 0;
    let previous: { ours: string[]; rendered: string[] } | null = null;
    for (const version of versions) {
      const rendered = version.renderedWords();
      const ours = wordsOf(readMarkdown(page, version.source));
      const diff = changedWords(rendered, ours);
      differing += Math.max(diff.added.length, diff.removed.length);
      total += rendered.length;
      if (previous) {
        const reference = changedWords(previous.rendered, rendered);
        const fromSource = changedWords(previous.ours, ours);
        added.add(fromSource.added, reference.added);
        removed.add(fromSource.removed, reference.removed);
      }
      previous = { ours, rendered };
    }
    console.log(`${page.name}: ${versions.length} versions, ${((100 * differing) / total).toFixed(2)}% of rendered words differ`);
    // Source syntax the reader would see and the page does not: none (a page about MDX shows some in code spans, as its page does).
    const newest = versions.at(-1)!;
    const ours = readMarkdown(page, newest.source).map((block) => block.text).join('\n');
    const rendered = newest.renderedWords().join(' ');
    for (const syntax of ['](', '**', '{/*', '<Tab', '<Step', '<Card', '<Note', '{{<', '{%', ':::']) {
      expect(ours.split(syntax).length, `"${syntax}" in what is read`).toBeLessThanOrEqual(rendered.split(syntax).length);
    }
    // A page may show what no source holds (Hugo's shortcode docs show a video embed's HTML, made by
    // the shortcode): a page stays near, and each corpus within 1% on average (below).
    expect(differing / total, 'words that differ from the rendered page').toBeLessThanOrEqual(0.03);
    const corpus = page.name.split('/')[0]!;
    differingShare.set(corpus, [...(differingShare.get(corpus) ?? []), differing / total]);
  }, 120_000);

  test('each corpus differs from its rendered pages by at most 1% of words on average', () => {
    expect(differingShare.size).toBeGreaterThanOrEqual(4);
    for (const [corpus, shares] of differingShare) {
      const average = shares.reduce((sum, share) => sum + share, 0) / shares.length;
      console.log(`${corpus}: ${(100 * average).toFixed(2)}% of rendered words differ on average over ${shares.length} pages`);
      expect(average, corpus).toBeLessThanOrEqual(0.01);
    }
  });

  test('changes between versions agree with the rendered pages (P/R ≥ 0.98)', () => {
    console.log(`added P ${added.precision.toFixed(3)} R ${added.recall.toFixed(3)} (${added.expected}); removed P ${removed.precision.toFixed(3)} R ${removed.recall.toFixed(3)} (${removed.expected})`);
    expect(added.expected + removed.expected).toBeGreaterThan(100);
    for (const score of [added, removed]) {
      expect(score.precision).toBeGreaterThanOrEqual(0.98);
      expect(score.recall).toBeGreaterThanOrEqual(0.98);
    }
  });
});

describe('first visit to a real MDX, Hugo or Jekyll page: the feed version it is', () => {
  // Each version's rendered HTML is the live page; the feed holds the sources up to it.
  // Right means the reader sees the changes they would see with the true previous version.
  // Versions that read the same as the live page are each a right answer for "which one it is"
  // (nothing in the text tells them apart); the site serves the newest of them.
  test('the baseline is the version before the one the live page is, on ≥ 98% of visits', async () => {
    let visits = 0;
    let right = 0;
    const wrong: string[] = [];
    for (const page of pages) {
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
      for (let k = 0; k < versions.length; k++) {
        const live = versions[k]!.liveBlocks();
        const db = await openDocDeltaDB(`mdx-baseline-${page.name}-${k}`);
        const target = { pageKey: page.name, url: `https://docs.example/${page.name}`, title: page.name, siteId: 'test' };
        const visit = await recordVisit(db, { ...target, blocks: live, at: Date.UTC(2027, 0, 1) });
        // The feed as it stood when version k was published (a feed is built from what was deployed).
        await ingestFeedVersions(db, target, readings.slice(0, k + 1).map((blocks, i) => ({ id: files[i]!, time: timeOf(files[i]!), blocks })));
        const { versionId, unmatched } = await feedBaseline(db, page.name, live, visit.versionId);
        const chosen = seen(versionId === null ? null : await loadVersionBlocks(db, versionId), live);
        const acceptable = readings
          .slice(0, k + 1)
          .map((reading, j) => (same(reading, readings[k]!) ? readings.slice(0, j).reverse().find((older) => !same(older, reading)) ?? null : undefined))
          .filter((before) => before !== undefined)
          .map((before) => seen(before, live));
        visits++;
        if (!unmatched && acceptable.includes(chosen)) right++;
        else wrong.push(`${page.name} at ${files[k]}: shows ${chosen}, expected ${acceptable.join(' or ')}`);
      }
    }
    console.log(`first-visit baseline right on ${right} of ${visits} visits${wrong.length ? `; wrong: ${wrong.join('; ')}` : ''}`);
    expect(visits).toBeGreaterThanOrEqual(25);
    expect(right / visits).toBeGreaterThanOrEqual(0.98);
  }, 240_000);
});

const timeOf = (file: string) => Date.parse(file.slice(0, 16).replace(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/, '$1-$2-$3T$4:$5:$6Z'));
