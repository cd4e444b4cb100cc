import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ageViews } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, scenarioBrowser, type Harness, type Tab } from '../../harness/harness';
import { loadGeneratorCorpora } from '../support/generator-corpora';
import { GENERATOR_HOST, generatorPageUrl, pooled, walkGeneratorPage, type BrowserSide, type GeneratorWalk } from '../support/generator-walk';
import { probeOverlay } from '../support/page-probe';
import { shareNote, shareOf } from '../support/walk-share';

// Every deploy of the Docusaurus, VuePress, Sphinx, mdBook, Hugo and MkDocs Material histories:
// what is highlighted and shown as removed against an independent token diff of the rendered
// article, per generator, and nothing shown on deploys that left the article's text as it was.
// Each browser walks its share of each generator's pages (tests/support/walk-share.ts).
const allPages = loadGeneratorCorpora();
const pages = shareOf(allPages, scenarioBrowser(), (page) => page.versions.length, (page) => page.generator);
const generators = [...new Set(pages.map((page) => page.generator))];

describe('real docs sites beyond the DRF corpus, deploy by deploy', () => {
  let server: FixtureServer;
  let browser: Harness;
  let tab: Tab;
  let scratch: Tab;
  const walks = new Map<string, GeneratorWalk[]>();

  beforeAll(async () => {
    console.log(`generator pages: ${shareNote(allPages, pages, scenarioBrowser())}`);
    server = await new FixtureServer().start();
    browser = await launchHarness(scenarioBrowser(), { port: server.port, hosts: [GENERATOR_HOST] });
    tab = await browser.newTab();
    scratch = await browser.newTab();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test.each(generators)('%s: every deploy of every page', async (generator) => {
    for (const page of pages.filter((p) => p.generator === generator)) {
      const url = generatorPageUrl(page);
      const side: BrowserSide = {
        visit: async (html) => {
          server.pages.set(new URL(url).pathname, html);
          await ageViews(browser.extension, 60 * 60 * 1000);
          return browser.visit(tab, url);
        },
        probe: () => probeOverlay(tab.page),
        reference: { load: (html) => scratch.setContent(html), evaluate: (fn, arg) => scratch.evaluate(fn, arg) },
      };
      walks.set(generator, [...(walks.get(generator) ?? []), await walkGeneratorPage(page, side)]);
    }
    const walk = pooled(walks.get(generator)!);
    console.log(
      `${generator} (${browser.browser}): ${walk.unchangedDeploys} deploys with the article unchanged; added P/R ${walk.added.precision.toFixed(3)}/${walk.added.recall.toFixed(3)} ` +
        `of ${walk.added.expected} tokens, removed P/R ${walk.removed.precision.toFixed(3)}/${walk.removed.recall.toFixed(3)} of ${walk.removed.expected}`,
    );
    expect(walk.noisyDeploys).toEqual([]);
    expect(walk.disagreements).toEqual([]);
    // Something was checked: changed words, or (a share whose page never changed its article's
    // text, as one VuePress page) deploys on which nothing may show.
    expect(walk.added.expected + walk.removed.expected + walk.unchangedDeploys).toBeGreaterThan(0);
    expect(walk.added.precision).toBeGreaterThanOrEqual(0.98);
    expect(walk.added.recall).toBeGreaterThanOrEqual(0.98);
    expect(walk.removed.precision).toBeGreaterThanOrEqual(0.98);
    expect(walk.removed.recall).toBeGreaterThanOrEqual(0.98);
  });
});
