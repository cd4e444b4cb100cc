import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, scenarioBrowser, type Harness, type Tab } from '../../harness/harness';
import type { Block } from '../../lib/blocks';
import { articleBlocks } from '../../lib/published/html-blocks';
import { findSite } from '../../lib/sites/find-site';
import { bundleReader } from '../support/bundle-reader';
import { loadCorpus } from '../support/corpus';
import { loadGeneratorCorpora } from '../support/generator-corpora';
import { GENERATOR_HOST, generatorPageUrl } from '../support/generator-walk';

// One reading of a page: the words and blocks DocDelta reads from a live page (the content
// script's reader, in the browser's DOM after layout) are the words and blocks it reads from
// the same HTML fetched as an archive's capture or a feed's HTML (the background's reader, a
// parser without layout or CSS). Every version of every real corpus, in each browser: a page
// whose capture read differently would show changes on a first visit that no one made.
const HOST = 'www.django-rest-framework.org';
const corpora = [
  ...loadCorpus().map((page) => ({ corpus: 'django-rest-framework', name: page.slug, url: page.url.replace(/^https:/, 'http:'), files: page.versions.map((v) => v.html) })),
  ...loadGeneratorCorpora().map((page) => ({ corpus: page.corpus, name: page.slug, url: generatorPageUrl(page), files: page.versions.map((v) => v.file) })),
];

interface Disagreement {
  page: string;
  version: string;
  blocks: string;
  firstDifference: string;
}

const wordsOf = (blocks: readonly Block[] | null) => (blocks ?? []).flatMap((block) => block.text.split(' '));

/** Where two readings part, in words either side, for a failure a person can read. */
function firstDifference(live: readonly Block[] | null, capture: readonly Block[] | null): string {
  const a = wordsOf(live);
  const b = wordsOf(capture);
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return 'same words, cut into other blocks';
  return `word ${i}: live «${a.slice(Math.max(0, i - 3), i + 5).join(' ')}» capture «${b.slice(Math.max(0, i - 3), i + 5).join(' ')}»`;
}

describe('one reading of a page, live or as a capture', () => {
  let server: FixtureServer;
  let browser: Harness;
  let tab: Tab;
  let reader: string;

  beforeAll(async () => {
    expect(GENERATOR_HOST).toBe(HOST);
    reader = await bundleReader();
    server = await new FixtureServer().start();
    browser = await launchHarness(scenarioBrowser(), { port: server.port, hosts: [HOST] });
    tab = await browser.newTab();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test.each([...new Set(corpora.map((page) => page.corpus))])('%s: every version reads to the same blocks', async (corpus) => {
    const disagreements: Disagreement[] = [];
    let versions = 0;
    for (const page of corpora.filter((p) => p.corpus === corpus)) {
      const path = new URL(page.url).pathname;
      for (const file of page.files) {
        const html = readFileSync(file, 'utf8');
        server.pages.set(path, html);
        await tab.goto(`http://${HOST}${path}`);
        const live = await tab.evaluate((code) => {
          (0, eval)(code);
          return (window as unknown as { docdeltaReadPage: () => Block[] | null }).docdeltaReadPage();
        }, reader);
        const capture = articleBlocks(html, findSite(new URL(page.url)), { wholeWithoutRoot: false });
        versions++;
        expect(live, `${page.name}: the live page has an article`).not.toBeNull();
        if (JSON.stringify(live) !== JSON.stringify(capture)) {
          disagreements.push({ page: page.name, version: file.split('/').pop()!, blocks: `${live?.length} live, ${capture?.length} as a capture`, firstDifference: firstDifference(live, capture) });
        }
      }
    }
    console.log(`${corpus} (${browser.browser}): ${versions} versions, ${disagreements.length} read differently live and as a capture`);
    expect(versions).toBeGreaterThan(0);
    expect(disagreements).toEqual([]);
  });
});
