import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExtensionContext } from '../support/extension-state';
import { evaluatorOf, launchFirefox, type FirefoxWithExtension } from '../support/firefox';
import { shownCount, visitInFirefox } from '../support/firefox-reader';
import { FixtureServer } from '../support/fixture-server';
import { hugePage } from '../support/huge-page';
import { overlayText } from '../support/closed-shadow';

// worst-case.test.ts in Firefox ESR: a 1 MB page rewritten from top to bottom.
const url = 'http://www.django-rest-framework.org/api-guide/huge/';

describe('a page rewritten from top to bottom, in Firefox', () => {
  let docs: FixtureServer;
  let firefox: FirefoxWithExtension;
  let extension: ExtensionContext;
  let tab: Page;

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    firefox = await launchFirefox({ proxyPort: docs.port });
    extension = evaluatorOf(await firefox.openExtensionPage('options.html'));
    tab = await firefox.browser.newPage();
    docs.pages.set(new URL(url).pathname, hugePage('old'));
    await visitInFirefox(extension, tab, url);
  });

  afterAll(async () => {
    await firefox?.close();
    await docs?.stop();
  });

  test('two completely different 1 MB versions: a summary, not thousands of marks', async () => {
    docs.pages.set(new URL(url).pathname, hugePage('new'));
    await tab.goto(url);
    await expect.poll(() => shownCount(tab), { timeout: 60_000 }).toBe('Too many changes to show inline');
    expect(await tab.evaluate(() => document.querySelectorAll('docdelta-removed').length)).toBe(0);
    expect(await tab.evaluate(() => CSS.highlights.get('docdelta-added')?.size ?? 0)).toBe(0);
    const summary = await overlayText(tab, '.section');
    expect(summary).toMatch(/^\+\d+ −\d+ words since your visit of/);
    // The page still answers: it scrolls, and a script of its own runs at once.
    expect(await tab.evaluate(() => { window.scrollTo(0, 5000); return window.scrollY > 0; })).toBe(true);
  });
});
