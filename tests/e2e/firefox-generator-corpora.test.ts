import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ageViews, type ExtensionContext } from '../support/extension-state';
import { evaluatorOf, launchFirefox, type FirefoxWithExtension } from '../support/firefox';
import { visitInFirefox } from '../support/firefox-reader';
import { FixtureServer } from '../support/fixture-server';
import { loadGeneratorCorpora } from '../support/generator-corpora';
import { generatorPageUrl, pooled, walkGeneratorPage, type BrowserSide, type GeneratorWalk } from '../support/generator-walk';
import { probeOverlay } from '../support/page-probe';

// generator-corpora.test.ts in Firefox ESR: every deploy of the Docusaurus, VuePress, Sphinx
// and mdBook histories against the same independent reference.
const pages = loadGeneratorCorpora();
const generators = [...new Set(pages.map((page) => page.generator))];

describe('real docs sites beyond MkDocs, deploy by deploy in Firefox', () => {
  let server: FixtureServer;
  let firefox: FirefoxWithExtension;
  let extension: ExtensionContext;
  let tab: Page;
  let scratch: Page;
  const walks = new Map<string, GeneratorWalk[]>();

  beforeAll(async () => {
    server = await new FixtureServer().start();
    firefox = await launchFirefox({ proxyPort: server.port });
    extension = evaluatorOf(await firefox.openExtensionPage('options.html'));
    tab = await firefox.browser.newPage();
    scratch = await firefox.browser.newPage();
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.stop();
  });

  test.each(generators)('%s: every deploy of every page', async (generator) => {
    for (const page of pages.filter((p) => p.generator === generator)) {
      const url = generatorPageUrl(page);
      const side: BrowserSide = {
        visit: async (html) => {
          server.pages.set(new URL(url).pathname, html);
          await ageViews(extension, 60 * 60 * 1000);
          return (await visitInFirefox(extension, tab, url)).badge;
        },
        probe: () => probeOverlay(tab),
        reference: {
          load: (html) => scratch.setContent(html, { waitUntil: 'domcontentloaded' }),
          ...evaluatorOf(scratch),
        },
      };
      walks.set(generator, [...(walks.get(generator) ?? []), await walkGeneratorPage(page, side)]);
    }
    const walk = pooled(walks.get(generator)!);
    console.log(
      `${generator} (Firefox): ${walk.unchangedDeploys} deploys with the article unchanged; added P/R ${walk.added.precision.toFixed(3)}/${walk.added.recall.toFixed(3)} ` +
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
