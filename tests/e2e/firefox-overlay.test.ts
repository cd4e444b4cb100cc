import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { ignoreSelector } from '../../lib/sites/find-site';
import { genericContentRoots } from '../../lib/sites/generic-docs';
import { buildMarkdownFeed } from '../support/corpus-feed';
import { loadCorpus, readHtml, type CorpusPage } from '../support/corpus';
import { forgetEverything, type ExtensionContext } from '../support/extension-state';
import { evaluatorOf, launchFirefox, type FirefoxWithExtension } from '../support/firefox';
import { visitInFirefox } from '../support/firefox-reader';
import { FixtureServer } from '../support/fixture-server';
import { probeOverlay, visibleArticleText } from '../support/page-probe';
import { serveFolder } from '../support/static-server';
import { referenceDiff, Score } from '../support/word-accuracy';
import { overlayText } from '../support/closed-shadow';

// The core promise in Firefox ESR: on every version of every corpus page, what was added is
// highlighted and what was removed is shown, as a reference word diff expects; the badge agrees.
// All seven pages by default; DOCDELTA_E2E_PAGES=slug,slug narrows the walk (as in Chromium).
const wanted = process.env.DOCDELTA_E2E_PAGES ?? 'all';
const corpus = loadCorpus();
const walked = corpus.filter((page) => wanted === 'all' || wanted.split(',').includes(page.slug));
const drf = builtinSites.find((site) => site.id === 'django-rest-framework')!;
const rootSelectors = [...drf.contentRoots, ...genericContentRoots];

describe('changes since the last visit, on real corpus pages in Firefox', () => {
  let server: FixtureServer;
  let firefox: FirefoxWithExtension;
  let extension: ExtensionContext;
  let reference: Page;
  const added = new Score();
  const removed = new Score();

  beforeAll(async () => {
    server = await new FixtureServer().start();
    firefox = await launchFirefox({ proxyPort: server.port });
    extension = evaluatorOf(await firefox.openExtensionPage('options.html'));
    reference = await firefox.browser.newPage();
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.stop();
  });

  async function referenceText(html: string): Promise<string> {
    await reference.setContent(html);
    return visibleArticleText(evaluatorOf(reference), rootSelectors, ignoreSelector(drf));
  }

  // As in Chromium (corpus-overlay.test.ts): every version of the page within one visit, so each
  // is compared with the version seen just before the page last changed.
  test.each(walked.map((page) => [page.slug, page] as [string, CorpusPage]))('%s: every consecutive version pair', async (_slug, corpusPage) => {
    const url = corpusPage.url.replace(/^https:/, 'http:');
    const path = new URL(url).pathname;
    const page = await firefox.browser.newPage();
    let previousText: string | null = null;
    let baselineText: string | null = null;
    for (const version of corpusPage.versions) {
      const html = readHtml(version);
      server.pages.set(path, html);
      const { badge, shown } = await visitInFirefox(extension, page, url);
      const text = await referenceText(html);
      if (previousText !== null && previousText !== text) baselineText = previousText;
      if (baselineText === null) {
        expect(badge, 'a first visit has no baseline').toBe('');
      } else {
        const expected = referenceDiff(baselineText, text);
        const seen = await probeOverlay(page);
        added.add(seen.highlighted, expected.added);
        removed.add(seen.ghostRemoved, expected.removed);
        if (badge) expect(shown, `${version.stem}: badge matches the navigator`).toBe(`${badge} change${badge === '1' ? '' : 's'}`);
        else expect(seen.highlighted.length + seen.ghostRemoved.length, `${version.stem}: no badge, nothing shown`).toBe(0);
      }
      previousText = text;
    }
    await page.close();
  });

  test('a page never visited shows its changes since its feed\'s previous version, and only the feed host was asked', async () => {
    const corpusPage = corpus.find((p) => p.slug === 'api-guide__pagination')!;
    const withSource = corpusPage.versions.filter((version) => version.markdownPath);
    const current = withSource.at(-1)!;
    const feed = await serveFolder(await buildMarkdownFeed(corpusPage));
    // A fresh start: the page-by-page walk above visited this page already.
    await forgetEverything(extension);
    try {
      const set = await extension.evaluate((feedUrl) => chrome.runtime.sendMessage({ type: 'set-feed', payload: { siteId: 'django-rest-framework', url: feedUrl } }), `${feed.url}/index.json`);
      expect(set).toMatchObject({ ok: true });
      const url = corpusPage.url.replace(/^https:/, 'http:');
      server.pages.set(new URL(url).pathname, readHtml(current));
      const page = await firefox.browser.newPage();
      const proxiedBefore = server.requests.length;
      // A first visit's answer waits for the feed: settle only once the feed was read.
      const { badge } = await visitInFirefox(extension, page, url);
      expect(Number(badge)).toBeGreaterThan(0);
      const since = await overlayText(page, '.section');
      expect(since).toContain('since the feed version of');
      expect(feed.requests).toContain('/index.json');
      // Every other plain-http request of the visit went through the proxy: all were the page's own
      // (or Firefox's own services, which puppeteer's profile points at dummy.test).
      const elsewhere = server.requests.slice(proxiedBefore).filter((request) => request.host !== 'www.django-rest-framework.org' && request.host !== 'dummy.test');
      expect(elsewhere).toEqual([]);
      await page.close();
    } finally {
      await extension.evaluate(() => chrome.runtime.sendMessage({ type: 'set-feed', payload: { siteId: 'django-rest-framework', url: null } }));
      await feed.close();
    }
  });

  test('words highlighted and shown as removed agree with a reference diff (≥ 0.98)', () => {
    console.log('Firefox accuracy', JSON.stringify({ added: [added.precision, added.recall, added.expected], removed: [removed.precision, removed.recall, removed.expected] }));
    expect(added.expected + removed.expected).toBeGreaterThan(50);
    for (const score of [added, removed]) {
      expect(score.precision).toBeGreaterThanOrEqual(0.98);
      expect(score.recall).toBeGreaterThanOrEqual(0.98);
    }
  });
});

declare const chrome: {
  runtime: { sendMessage: (message: unknown) => Promise<unknown> };
};
