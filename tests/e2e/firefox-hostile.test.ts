import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import { ageViews, storedPages, type ExtensionContext } from '../../harness/extension-state';
import { evaluatorOf, firefoxExtensionOrigin, launchFirefox, waitForElement, type FirefoxWithExtension } from '../../harness/firefox';
import { badgeOf, control, visitInFirefox } from '../../harness/firefox-reader';
import { FixtureServer } from '../../harness/fixture-server';
import { attemptToDriveDocDelta, pushStateFlood, clobberedPage, everythingInPage, extensionFilesReached, hostileLivePage, hostilePageUrl, inspectForMarkup, whatDocDeltaShows, whatThePageCanRead, serveHostileFeed, tamperWithOverlay, TRAP } from '../support/hostile';
import { clickInOverlay } from '../../harness/closed-shadow';

// What hostile-page.test.ts and hostile-text.test.ts check in Chromium, in Firefox ESR: a page
// cannot drive DocDelta or reach its files, and text an attacker controls is only ever text.
const corpusPage = loadCorpus().find((p) => p.slug === 'api-guide__permissions')!;
const pair = pairWithChanges(corpusPage, 3);
const url = corpusPage.url.replace(/^https:/, 'http:');

declare const chrome: { runtime: { sendMessage: (message: unknown) => Promise<unknown> } };

describe('hostile pages and text in Firefox', () => {
  let docs: FixtureServer;
  let feed: Awaited<ReturnType<typeof serveHostileFeed>>;
  let firefox: FirefoxWithExtension;
  let extension: ExtensionContext;
  let tab: Page;

  beforeAll(async () => {
    feed = await serveHostileFeed();
    docs = await new FixtureServer().start();
    firefox = await launchFirefox({ proxyPort: docs.port });
    extension = evaluatorOf(await firefox.openExtensionPage('options.html'));
    tab = await firefox.browser.newPage();
  });

  afterAll(async () => {
    await firefox?.close();
    await docs?.stop();
    await feed?.close();
  });

  describe('a hostile page cannot drive DocDelta', () => {
    beforeAll(async () => {
      docs.pages.set(new URL(url).pathname, readHtml(pair.before));
      await visitInFirefox(extension, tab, url);
      await ageViews(extension, 2 * 24 * 3600e3);
      docs.pages.set(new URL(url).pathname, clobberedPage(pair.after));
      const { badge } = await visitInFirefox(extension, tab, url);
      if (badge !== String(pair.changes)) throw new Error(`expected ${pair.changes} changes on the clobbered page, the badge says "${badge}"`);
    });

    test('messages, fake navigation events and scripted clicks on its buttons change nothing', async () => {
      const before = await storedPages(extension);
      await attemptToDriveDocDelta(evaluatorOf(tab));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await storedPages(extension)).toEqual(before);
      expect(await badgeOf(extension, url)).toBe(String(pair.changes));
      expect(await tab.evaluate(() => document.querySelectorAll('docdelta-removed').length)).toBeGreaterThan(0);
    });

    test('the page can neither reach the extension\'s files nor find its address in the page', async () => {
      expect(await extensionFilesReached(evaluatorOf(tab), firefoxExtensionOrigin)).toEqual([]);
      const everything = await everythingInPage(evaluatorOf(tab));
      expect(everything).not.toContain('moz-extension://');
      expect(everything).not.toContain(new URL(firefoxExtensionOrigin).host);
    });

    test('a page script finds none of what DocDelta shows: no old text, date or count', async () => {
      const shown = await whatDocDeltaShows(tab, clobberedPage(pair.after));
      expect(shown.length).toBeGreaterThan(2);
      const { text, openRoots } = await whatThePageCanRead(evaluatorOf(tab));
      expect(openRoots).toBe(0);
      expect(shown.filter((secret) => text.includes(secret))).toEqual([]);
    });

    test('tampering with DocDelta\'s elements breaks only them: storage untouched, the reader\'s own click still works', async () => {
      const before = await storedPages(extension);
      await tamperWithOverlay(evaluatorOf(tab));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await storedPages(extension)).toEqual(before);
      await clickInOverlay(tab, 'Mark as seen');
      await expect.poll(async () => (await storedPages(extension)).find((page) => page.key.includes('permissions'))!.views.at(-1)!.mark).toBe(true);
    });

    // Last: the tab is left on a URL the script made up.
    test('a script pushing URL after URL stores at most the page it stops on; the page read before keeps its history', async () => {
      const { added, lost } = await pushStateFlood(evaluatorOf(tab), extension);
      expect(added.length).toBeLessThanOrEqual(1);
      expect(lost).toEqual([]);
    });
  });

  describe('hostile text is only ever text', () => {
    beforeAll(async () => {
      docs.pages.set(new URL(hostilePageUrl).pathname, hostileLivePage);
      await extension.evaluate((feedUrl) => chrome.runtime.sendMessage({ type: 'set-feed', payload: { siteId: 'django-rest-framework', url: feedUrl } }), `${feed.url}/feed/index.json`);
      await tab.goto(hostilePageUrl);
      await tab.waitForSelector('docdelta-removed', { timeout: 20_000 });
    });

    test('removed hostile text shows on the page as struck-through text: no element, no script', async () => {
      const seen = await inspectForMarkup(tab);
      expect(seen.pwned).toBeNull();
      expect(seen.images + seen.inlineScripts + seen.handlers).toBe(0);
      expect(seen.text).toContain('<img src="http://attacker.example/img.png"');
      expect(seen.text).toContain('<script>');
    });

    test('the popup, the changes page and the options page show it as text too', async () => {
      await tab.bringToFront();
      const tabId = await extension.evaluate(async () => (await (globalThis as unknown as { browser: { tabs: { query: (q: object) => Promise<Array<{ id: number }>> } } }).browser.tabs.query({ active: true, currentWindow: true }))[0]!.id);
      const popup = await firefox.openExtensionPage(`popup.html?tab=${tabId}`);
      await waitForElement(popup, '.timeline li');
      const changes = await firefox.openExtensionPage('changes.html');
      await (await control(changes, 'Details', '.page')).click();
      await waitForElement(changes, '.diff');
      const options = await firefox.openExtensionPage('options.html');
      await waitForElement(options, '.site');
      for (const page of [popup, changes, options]) {
        const seen = await inspectForMarkup(page);
        expect(seen.pwned, page.url()).toBeNull();
        expect(seen.images + seen.inlineScripts + seen.handlers, page.url()).toBe(0);
      }
      // The page's hostile title is a title, as text.
      expect((await inspectForMarkup(changes)).text).toContain(`<img src=x onerror="${TRAP}">`);
    });

    test('nothing ever asked the attacker\'s host for anything', () => {
      expect(docs.requests.filter((request) => request.host.startsWith('attacker.example'))).toEqual([]);
    });
  });
});
