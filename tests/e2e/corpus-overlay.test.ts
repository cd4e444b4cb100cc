import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { genericContentRoots } from '../../lib/sites/generic-docs';
import { ignoreSelector } from '../../lib/sites/find-site';
import { launchChromium, type ExtensionBrowser } from '../support/browsers';
import { loadCorpus, readHtml, type CorpusPage } from '../support/corpus';
import { ageViews, visitAndSettle } from '../support/extension-state';
import { FixtureServer } from '../support/fixture-server';
import { probeOverlay, visibleArticleText } from '../support/page-probe';
import { referenceDiff, Score } from '../support/word-accuracy';
import { overlayText } from '../support/closed-shadow';

// All seven pages by default (every consecutive pair, the 2026 theme change
// included); DOCDELTA_E2E_PAGES=slug,slug narrows the walk while developing.
const wanted = process.env.DOCDELTA_E2E_PAGES ?? 'all';
const corpus = loadCorpus().filter((page) => wanted === 'all' || wanted.split(',').includes(page.slug));
const drf = builtinSites.find((site) => site.id === 'django-rest-framework')!;
const rootSelectors = [...drf.contentRoots, ...genericContentRoots];

describe('changes since the last visit, on real corpus pages in Chromium', () => {
  let server: FixtureServer;
  let browser: ExtensionBrowser;
  let reference: Page;
  const added = new Score();
  const removed = new Score();

  beforeAll(async () => {
    server = await new FixtureServer().start();
    browser = await launchChromium({ port: server.port, hosts: ['www.django-rest-framework.org'] });
    reference = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function referenceText(html: string): Promise<string> {
    await reference.setContent(html, { waitUntil: 'domcontentloaded' });
    return visibleArticleText(reference, rootSelectors, ignoreSelector(drf));
  }

  async function overlayCountText(page: Page): Promise<string> {
    return overlayText(page, '.count');
  }

  test.each(corpus.map((page) => [page.slug, page] as [string, CorpusPage]))('%s: every consecutive version pair', async (_slug, corpusPage) => {
    const page = await browser.context.newPage();
    // The fixture server speaks plain HTTP; the DRF site rule accepts both schemes.
    const url = corpusPage.url.replace(/^https:/, 'http:');
    const path = new URL(url).pathname;
    // All versions are viewed within one visit, so each is compared with the
    // version seen just before the page last changed (a reload of unchanged
    // text keeps showing the changes of that visit).
    let previousText: string | null = null;
    let baselineText: string | null = null;
    for (const version of corpusPage.versions) {
      const html = readHtml(version);
      server.pages.set(path, html);
      const badge = await visitAndSettle(browser.worker, page, url);
      const text = await referenceText(html);
      if (previousText !== null && previousText !== text) baselineText = previousText;
      if (baselineText !== null) {
        const expected = referenceDiff(baselineText, text);
        const seen = await probeOverlay(page);
        added.add(seen.highlighted, expected.added);
        removed.add(seen.ghostRemoved, expected.removed);
        if (badge) {
          expect(await overlayCountText(page), `${version.stem}: badge matches the navigator`).toBe(`${badge} change${badge === '1' ? '' : 's'}`);
        } else {
          expect(seen.highlighted.length + seen.ghostRemoved.length, `${version.stem}: no badge, nothing shown`).toBe(0);
        }
      } else {
        expect(badge, 'a first visit has no baseline').toBe('');
      }
      previousText = text;
    }

    // An hour later the reader comes back to the same version: nothing changed since that visit.
    await ageViews(browser.worker, 60 * 60 * 1000);
    expect(await visitAndSettle(browser.worker, page, url)).toBe('');
    const unchanged = await probeOverlay(page);
    expect(unchanged.highlighted).toEqual([]);
    expect(unchanged.ghostCount).toBe(0);
    expect(unchanged.overlayHost).toBe(false);
    await page.close();
  });

  test('words highlighted and shown as removed agree with a reference diff (≥ 0.98)', () => {
    const figures = {
      addedPrecision: added.precision,
      addedRecall: added.recall,
      removedPrecision: removed.precision,
      removedRecall: removed.recall,
      addedWords: added.expected,
      removedWords: removed.expected,
    };
    console.log('accuracy', JSON.stringify(figures));
    expect(added.expected).toBeGreaterThan(100);
    expect(added.precision).toBeGreaterThanOrEqual(0.98);
    expect(added.recall).toBeGreaterThanOrEqual(0.98);
    expect(removed.recall).toBeGreaterThanOrEqual(0.98);
    expect(removed.precision).toBeGreaterThanOrEqual(0.98);
  });
});
