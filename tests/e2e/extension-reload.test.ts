import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ExtensionBrowser } from '../../harness/chromium';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import { ageViews, visitAndSettle } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';

const page = loadCorpus().find((p) => p.slug === 'tutorial__1-serialization')!;
const pair = pairWithChanges(page, 3);
const url = page.url.replace(/^https:/, 'http:');
const ROOT = '#main-content, article.md-content__inner';

describe('the extension reloaded (updated, or switched off) under an open page (Chromium)', () => {
  let docs: FixtureServer;
  let browser: ExtensionBrowser;
  let tab: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    browser = await launchChromium({ port: docs.port, hosts: ['www.django-rest-framework.org'] });
    tab = await browser.context.newPage();
    tab.on('pageerror', (error) => errors.push(error.message));
    tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    docs.pages.set(new URL(url).pathname, readHtml(pair.before));
    await visitAndSettle(browser.worker, tab, url);
    await ageViews(browser.worker, 2 * 24 * 3600e3);
    docs.pages.set(new URL(url).pathname, readHtml(pair.after));
    await visitAndSettle(browser.worker, tab, url);
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
  });

  test('the old content script takes its marks away and stops, without errors; the article is as served', async () => {
    const served = readHtml(pair.after);
    expect(await tab.locator('docdelta-removed').count()).toBeGreaterThan(0);
    // The fixture page's own loading errors (its scripts and fonts are not served) are not ours.
    errors.length = 0;
    await browser.worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload: () => void } } }).chrome.runtime.reload()).catch(() => undefined);
    await expect.poll(() => tab.evaluate(() => document.querySelectorAll('docdelta-removed, docdelta-overlay').length), { timeout: 20_000 }).toBe(0);
    expect(await tab.evaluate(() => CSS.highlights.has('docdelta-added'))).toBe(false);
    // The article is exactly what the site served: the page parsed it from the same HTML.
    const [now, fresh] = await Promise.all([
      tab.evaluate((selector) => document.querySelector(selector)!.innerHTML, ROOT),
      browser.context.newPage().then(async (p) => {
        await p.route('**/*', (route) => route.fulfill({ body: served, contentType: 'text/html' }));
        await p.goto('http://fresh.invalid/');
        const html = await p.evaluate((selector) => document.querySelector(selector)!.innerHTML, ROOT);
        await p.close();
        return html;
      }),
    ]);
    expect(now).toBe(fresh);
    // Keys and scrolling still work on the page, and nothing DocDelta did threw.
    await tab.mouse.wheel(0, 400);
    await tab.waitForTimeout(300);
    expect(errors).toEqual([]);
  });
});
