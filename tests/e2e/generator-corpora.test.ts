import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ExtensionBrowser } from '../support/browsers';
import { ageViews, visitAndSettle } from '../support/extension-state';
import { FixtureServer } from '../support/fixture-server';
import { loadGeneratorCorpora } from '../support/generator-corpora';
import { GENERATOR_HOST, generatorPageUrl, pooled, walkGeneratorPage, type BrowserSide, type GeneratorWalk } from '../support/generator-walk';
import { probeOverlay } from '../support/page-probe';

// Every deploy of the Docusaurus, VuePress, Sphinx and mdBook histories, in Chromium: what is
// highlighted and shown as removed against an independent token diff of the rendered article,
// per generator, and nothing shown on deploys that left the article's text as it was.
const pages = loadGeneratorCorpora();
const generators = [...new Set(pages.map((page) => page.generator))];

describe('real docs sites beyond MkDocs, deploy by deploy in Chromium', () => {
  let server: FixtureServer;
  let browser: ExtensionBrowser;
  let tab: Page;
  let scratch: Page;
  const walks = new Map<string, GeneratorWalk[]>();

  beforeAll(async () => {
    server = await new FixtureServer().start();
    browser = await launchChromium({ port: server.port, hosts: [GENERATOR_HOST] });
    tab = await browser.context.newPage();
    scratch = await browser.context.newPage();
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
          await ageViews(browser.worker, 60 * 60 * 1000);
          return visitAndSettle(browser.worker, tab, url);
        },
        probe: () => probeOverlay(tab),
        reference: {
          load: async (html) => void (await scratch.setContent(html, { waitUntil: 'domcontentloaded' })),
          evaluate: (fn, arg) => scratch.evaluate(fn as never, arg),
        },
      };
      walks.set(generator, [...(walks.get(generator) ?? []), await walkGeneratorPage(page, side)]);
    }
    const walk = pooled(walks.get(generator)!);
    console.log(
      `${generator}: ${walk.unchangedDeploys} deploys with the article unchanged; added P/R ${walk.added.precision.toFixed(3)}/${walk.added.recall.toFixed(3)} ` +
        `of ${walk.added.expected} tokens, removed P/R ${walk.removed.precision.toFixed(3)}/${walk.removed.recall.toFixed(3)} of ${walk.removed.expected}`,
    );
    expect(walk.noisyDeploys).toEqual([]);
    expect(walk.disagreements).toEqual([]);
    expect(walk.added.expected + walk.removed.expected).toBeGreaterThan(0);
    expect(walk.added.precision).toBeGreaterThanOrEqual(0.98);
    expect(walk.added.recall).toBeGreaterThanOrEqual(0.98);
    expect(walk.removed.precision).toBeGreaterThanOrEqual(0.98);
    expect(walk.removed.recall).toBeGreaterThanOrEqual(0.98);
  });
});
