import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ageViews, lastViewAt, type ExtensionContext } from '../../harness/extension-state';
import { evaluatorOf, launchFirefox, waitForElement, type FirefoxWithExtension } from '../../harness/firefox';
import { shownCount } from '../../harness/firefox-reader';
import { probeOverlay } from '../support/page-probe';
import { ReactDocsServer } from '../support/react-docs-server';
import { until } from '../../harness/until';

// The reader's controls in Firefox ESR: the popup (summary, timeline, the Highlights
// switch), the options page, and a React app's client-side navigation. The keyboard
// commands are in firefox-commands.test.ts (they need Marionette).
const HOST = 'www.django-rest-framework.org';
const url = (path: string) => `http://${HOST}${path}`;

declare const chrome: { tabs: { query: (filter: { url: string }) => Promise<Array<{ id?: number }>> } };

describe('the reader\'s controls in Firefox', () => {
  let server: ReactDocsServer;
  let firefox: FirefoxWithExtension;
  let extension: ExtensionContext;
  let tab: Page;
  const errors: string[] = [];

  /** Opens `path` in the tab and waits until DocDelta recorded the visit. */
  async function visit(path: string) {
    const before = Date.now();
    await tab.goto(url(path));
    await until(async () => (await lastViewAt(extension)) >= before, `the visit to ${path}`);
  }

  beforeAll(async () => {
    server = await new ReactDocsServer().start();
    firefox = await launchFirefox({ proxyPort: server.port });
    extension = evaluatorOf(await firefox.openExtensionPage('options.html'));
    tab = await firefox.browser.newPage();
    tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    tab.on('pageerror', (error) => errors.push(`uncaught: ${(error as Error).message}`));
    await visit('/react-app/first/');
    await ageViews(extension, 3 * 3600e3);
    server.version = 'after';
    await visit('/react-app/first/');
    await until(async () => /^\d+ changes?$/.test(await shownCount(tab)), 'the overlay');
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.stop();
  });

  test('the popup sums up the changes, lists both versions, and its switch turns the highlights off and on', async () => {
    const tabId = await extension.evaluate(async (pageUrl) => (await chrome.tabs.query({ url: pageUrl }))[0]!.id!, url('/react-app/first/'));
    const popup = await firefox.openExtensionPage(`popup.html?tab=${tabId}`);
    await waitForElement(popup, '.summary');
    expect(await popup.$eval('.summary', (element) => element.textContent)).toMatch(/^\+\d+ −\d+ words in \d+ places? since your last visit/);
    expect(await popup.$$eval('.timeline li', (rows) => rows.length)).toBe(2);
    const highlighted = async () => (await probeOverlay(tab)).highlighted.length;
    expect(await highlighted()).toBeGreaterThan(0);
    await popup.click('button[role="switch"]');
    await expect.poll(highlighted).toBe(0);
    await expect.poll(() => popup.$eval('button[role="switch"]', (element) => element.getAttribute('aria-checked'))).toBe('false');
    await popup.click('button[role="switch"]');
    await expect.poll(highlighted).toBeGreaterThan(0);
    await popup.close();
  });

  test('the options page lists the built-in sites and what DocDelta stores for this one', async () => {
    const options = await firefox.openExtensionPage('options.html');
    const site = await waitForElement(options, 'xpath///li[contains(@class, "site")][contains(., "Django REST framework")]');
    await expect.poll(() => site.evaluate((element) => element.querySelector('.usage')?.textContent ?? '')).toMatch(/^1 page, 2 versions, [\d.]+ KB$/);
    expect(await options.$$eval('li.site', (rows) => rows.length)).toBeGreaterThanOrEqual(10);
    await options.close();
  });

  test('a link click routes on the client (no reload) and the new page is read; no error from the app', async () => {
    await tab.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const before = Date.now();
    await tab.click('nav a[href="/react-app/second/"]');
    await expect.poll(() => tab.evaluate(() => location.href)).toBe(url('/react-app/second/'));
    await expect.poll(() => lastViewAt(extension), { timeout: 20_000 }).toBeGreaterThanOrEqual(before);
    expect(await tab.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(errors).toEqual([]);
  });
});
