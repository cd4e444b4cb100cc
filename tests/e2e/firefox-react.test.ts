import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ageViews, type ExtensionContext } from '../../harness/extension-state';
import { evaluatorOf, launchFirefox, type FirefoxWithExtension } from '../../harness/firefox';
import { visitInFirefox } from '../../harness/firefox-reader';
import { probeOverlay } from '../support/page-probe';
import { ReactDocsServer } from '../support/react-docs-server';
import { appMarkup, hydrated, rootAttributes, tickers } from '../support/react-probes';

// react-app.test.ts's checks of product.md's first invariant, in Firefox ESR: on a server-rendered
// React app, hydrated, with components re-rendering every 200 ms beside the changed text, the
// app's markup is exactly React's and neither the app nor React reports an error.
const HOST = 'www.django-rest-framework.org';
// The same app on a host DocDelta does not track: the page exactly as it is without DocDelta.
const PLAIN_HOST = 'plain.fixture.test';
const url = (path: string, host = HOST) => `http://${host}${path}`;

const attributesOf = rootAttributes;
const ghostsInRoot = (page: Page) => page.evaluate(() => document.querySelectorAll('#root docdelta-removed').length);

declare const chrome: {
  runtime: { sendMessage: (message: unknown) => Promise<unknown> };
  tabs: { query: (filter: { url: string }) => Promise<Array<{ id?: number }>> };
};

describe('a server-rendered React app, hydrated, in Firefox', () => {
  let server: ReactDocsServer;
  let firefox: FirefoxWithExtension;
  let extension: ExtensionContext;
  let tab: Page;
  let plain: Page;
  const errors: string[] = [];

  /** Turns the tab's highlights on or off as the popup's switch does. */
  const setHighlights = (on: boolean) => extension.evaluate(async ({ pageUrl, wanted }) => {
    const [found] = await chrome.tabs.query({ url: pageUrl });
    await chrome.runtime.sendMessage({ type: 'set-highlights', payload: { tabId: found!.id, on: wanted } });
  }, { pageUrl: url('/react-app/first/'), wanted: on });

  beforeAll(async () => {
    server = await new ReactDocsServer().start();
    firefox = await launchFirefox({ proxyPort: server.port });
    extension = evaluatorOf(await firefox.openExtensionPage('options.html'));
    tab = await firefox.browser.newPage();
    tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    tab.on('pageerror', (error) => errors.push(`uncaught: ${(error as Error).message}`));
    await visitInFirefox(extension, tab, url('/react-app/first/'));
    await hydrated(evaluatorOf(tab));
    await ageViews(extension, 3 * 3600e3);
    server.version = 'after';
    await visitInFirefox(extension, tab, url('/react-app/first/'));
    await hydrated(evaluatorOf(tab));
    plain = await firefox.browser.newPage();
    await plain.goto(url('/react-app/first/', PLAIN_HOST));
    await hydrated(evaluatorOf(plain));
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.stop();
  });

  test('the changes show on the hydrated page while its components keep re-rendering', async () => {
    const seen = await probeOverlay(tab);
    expect(seen.highlighted.length).toBeGreaterThan(0);
    expect(seen.ghostRemoved.length).toBeGreaterThan(0);
    const before = await tickers(evaluatorOf(tab));
    await expect.poll(() => tickers(evaluatorOf(tab))).not.toBe(before);
    expect(await tab.evaluate(() => document.querySelectorAll('docdelta-overlay').length)).toBe(1);
  });

  test('the app\'s root is as React made it: the same markup as without DocDelta, overlay on and off', async () => {
    const reference = await appMarkup(evaluatorOf(plain));
    expect(await ghostsInRoot(tab)).toBeGreaterThan(0);
    expect(await appMarkup(evaluatorOf(tab))).toBe(reference);
    await setHighlights(false);
    await expect.poll(() => ghostsInRoot(tab)).toBe(0);
    // Off, nothing of DocDelta is left in the root at all.
    expect(await appMarkup(evaluatorOf(tab), true)).toBe(reference);
    await setHighlights(true);
    await expect.poll(() => ghostsInRoot(tab)).toBeGreaterThan(0);
    expect(await appMarkup(evaluatorOf(tab))).toBe(reference);
  });

  test('no attribute on <html> or <body> beyond the page\'s own', async () => {
    expect(await attributesOf(evaluatorOf(tab))).toEqual(await attributesOf(evaluatorOf(plain)));
  });

  test('and through all of it, no error from the app or React', async () => {
    // Let the re-renders run a while longer beside the overlay.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(errors).toEqual([]);
  });
});
