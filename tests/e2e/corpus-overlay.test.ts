import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { ignoreSelector } from '../../lib/sites/find-site';
import { genericContentRoots } from '../../lib/sites/generic-docs';
import { overlayText } from '../../harness/layer-reader';
import { ageViews, forgetEverything, setSiteFeed } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, scenarioBrowser, type Harness, type Tab } from '../../harness/harness';
import { serveFolder } from '../../harness/static-server';
import { buildMarkdownFeed } from '../support/corpus-feed';
import { loadCorpus, readHtml, type CorpusPage } from '../support/corpus';
import { probeOverlay, visibleArticleText } from '../support/page-probe';
import { Score } from '../support/word-accuracy';
import { referenceFromRendered } from '../support/moved-reference';
import { shareNote, shareOf } from '../support/walk-share';

// The core promise, on every version of every corpus page: what was added is highlighted and
// what was removed is shown, as an independent word diff of the rendered article expects, and
// the badge agrees with the navigator. Every consecutive pair of all seven pages (the 2026 theme
// change included), shared between the browsers (tests/support/walk-share.ts);
// DOCDELTA_E2E_PAGES=slug,slug narrows the walk while developing.
const wanted = process.env.DOCDELTA_E2E_PAGES;
const corpus = loadCorpus();
const walked = wanted ? corpus.filter((page) => wanted.split(',').includes(page.slug)) : shareOf(corpus, scenarioBrowser(), (page) => page.versions.length);
const drf = builtinSites.find((site) => site.id === 'django-rest-framework')!;
const rootSelectors = [...drf.contentRoots, ...genericContentRoots];
// The fixture server speaks plain HTTP; the DRF site rule accepts both schemes.
const httpUrl = (page: CorpusPage) => page.url.replace(/^https:/, 'http:');

describe('changes since the last visit, on real corpus pages', () => {
  let server: FixtureServer;
  let browser: Harness;
  let reference: Tab;
  const added = new Score();
  const removed = new Score();
  const moved = new Score();

  beforeAll(async () => {
    console.log(`DRF corpus pages: ${shareNote(corpus, walked, scenarioBrowser())}`);
    server = await new FixtureServer().start();
    browser = await launchHarness(scenarioBrowser(), { port: server.port, hosts: ['www.django-rest-framework.org'] });
    reference = await browser.newTab();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function referenceText(html: string): Promise<string> {
    await reference.setContent(html);
    return visibleArticleText(reference, rootSelectors, ignoreSelector(drf));
  }

  test.each(walked.map((page) => [page.slug, page] as [string, CorpusPage]))('%s: every consecutive version pair', async (_slug, corpusPage) => {
    const url = httpUrl(corpusPage);
    const tab = await browser.newTab();
    // All versions are viewed within one visit, so each is compared with the version seen just
    // before the page last changed (a reload of unchanged text keeps showing that visit's changes).
    let previousText: string | null = null;
    let baselineText: string | null = null;
    for (const version of corpusPage.versions) {
      const html = readHtml(version);
      server.pages.set(new URL(url).pathname, html);
      // The reference renders in its own tab while DocDelta reads the page in the reader's.
      const [badge, text] = await Promise.all([browser.visit(tab, url), referenceText(html)]);
      if (previousText !== null && previousText !== text) baselineText = previousText;
      if (baselineText === null) {
        expect(badge, 'a first visit has no baseline').toBe('');
      } else {
        // The rendered article's lines stand for its blocks: a passage that moved is neither added nor removed.
        const expected = referenceFromRendered(baselineText, text);
        const seen = await probeOverlay(tab.page);
        added.add(seen.highlighted, expected.added);
        removed.add(seen.ghostRemoved, expected.removed);
        moved.add(seen.moved, expected.moved);
        if (!badge) expect(seen.highlighted.length + seen.ghostRemoved.length, `${version.stem}: no badge, nothing shown`).toBe(0);
      }
      previousText = text;
    }

    // An hour later the reader comes back to the same version: nothing changed since that visit.
    await ageViews(browser.extension, 60 * 60 * 1000);
    expect(await browser.visit(tab, url)).toBe('');
    const unchanged = await probeOverlay(tab.page);
    expect(unchanged.highlighted).toEqual([]);
    expect(unchanged.ghostCount).toBe(0);
    expect(unchanged.overlayHost).toBe(false);
    await tab.close();
  });

  test('a page never visited shows its changes since its feed\'s previous version, and only the feed host was asked', async () => {
    const corpusPage = corpus.find((p) => p.slug === 'api-guide__pagination')!;
    const current = corpusPage.versions.filter((version) => version.markdownPath).at(-1)!;
    const feed = await serveFolder(await buildMarkdownFeed(corpusPage));
    // A fresh start: the walk above visited this page already.
    await forgetEverything(browser.extension);
    try {
      await setSiteFeed(browser.extension, 'django-rest-framework', `${feed.url}/index.json`);
      const url = httpUrl(corpusPage);
      server.pages.set(new URL(url).pathname, readHtml(current));
      const tab = await browser.newTab();
      const servedBefore = server.requests.length;
      // A first visit's answer waits for the feed: the visit settles only once the feed was read.
      expect(Number(await browser.visit(tab, url))).toBeGreaterThan(0);
      expect(await overlayText(tab.page, '.section')).toContain('since the feed version of');
      expect(feed.requests).toContain('/index.json');
      // Every request for a docs host reached the fixture server (Firefox sends every plain-http
      // request there; Chromium fails any other host's lookup): all were the page's own, or
      // Firefox's own services, which puppeteer's profile points at dummy.test.
      const elsewhere = server.requests.slice(servedBefore).filter((request) => request.host !== 'www.django-rest-framework.org' && request.host !== 'dummy.test');
      expect(elsewhere).toEqual([]);
      await tab.close();
    } finally {
      await setSiteFeed(browser.extension, 'django-rest-framework', null);
      await feed.close();
    }
  });

  test('words highlighted and shown as removed agree with a reference diff (≥ 0.98)', () => {
    console.log(`${browser.browser} accuracy`, JSON.stringify({ added: [added.precision, added.recall, added.expected], removed: [removed.precision, removed.recall, removed.expected], moved: [moved.precision, moved.recall, moved.expected] }));
    expect(added.expected).toBeGreaterThan(100);
    for (const score of [added, removed]) {
      expect(score.precision).toBeGreaterThanOrEqual(0.98);
      expect(score.recall).toBeGreaterThanOrEqual(0.98);
    }
    // This browser's share of the pages may hold no move; the share with them is held to 0.95.
    if (moved.expected > 0 || moved.found > 0) {
      expect(moved.precision).toBeGreaterThanOrEqual(0.95);
      expect(moved.recall).toBeGreaterThanOrEqual(0.95);
    }
  });
});
