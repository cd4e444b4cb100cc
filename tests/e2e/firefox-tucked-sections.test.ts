import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExtensionContext } from '../../harness/extension-state';
import { evaluatorOf, launchFirefox, type FirefoxWithExtension } from '../../harness/firefox';
import { shownCount, visitInFirefox } from '../../harness/firefox-reader';
import { FixtureServer } from '../../harness/fixture-server';
import { tuckedAfter, tuckedBefore, tuckedPage, tuckedUrl } from '../support/tucked-sections';
import { clickInOverlay, overlayText } from '../../harness/closed-shadow';

// The scenario of tucked-sections.test.ts, in Firefox ESR: changes in a collapsed <details>
// and in another tab are counted apart; stepping to one names what to open, and the page is
// left as served.
const path = new URL(tuckedUrl).pathname;

describe('changes in a collapsed section or another tab, in Firefox', () => {
  let server: FixtureServer;
  let firefox: FirefoxWithExtension;
  let extension: ExtensionContext;
  let page: Page;

  const tuckedNote = () => overlayText(page, '.tucked');
  const visibleHighlights = () =>
    page.evaluate(() =>
      ([...(CSS.highlights.get('docdelta-added') ?? [])] as Range[])
        .filter((range) => range.startContainer.parentElement!.checkVisibility() && range.getBoundingClientRect().width > 0)
        .map((range) => range.toString()),
    );

  beforeAll(async () => {
    server = await new FixtureServer().start();
    firefox = await launchFirefox({ proxyPort: server.port });
    extension = evaluatorOf(await firefox.openExtensionPage('options.html'));
    page = await firefox.browser.newPage();
    server.pages.set(path, tuckedPage(tuckedBefore));
    await visitInFirefox(extension, page, tuckedUrl);
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.stop();
  });

  test('opening the page on another tab is not a change', async () => {
    server.pages.set(path, tuckedPage({ ...tuckedBefore, selectedTab: 1 }));
    expect(await visitInFirefox(extension, page, tuckedUrl)).toEqual({ badge: '', shown: '' });
  });

  test('out-of-sight changes are counted apart, named when stepped to, and shown when the reader opens them', async () => {
    server.pages.set(path, tuckedPage(tuckedAfter));
    expect(await visitInFirefox(extension, page, tuckedUrl)).toEqual({ badge: '3', shown: '3 changes' });
    expect(await tuckedNote()).toBe('2 in closed sections or other tabs');
    expect(await visibleHighlights()).toEqual(['10']);
    const next = () => clickInOverlay(page, 'Next change');
    await next();
    await expect.poll(() => shownCount(page)).toBe('1 of 3');
    const section = () => overlayText(page, '.section');
    await next();
    await expect.poll(() => shownCount(page)).toBe('2 of 3');
    expect(await section()).toBe('Open “Troubleshooting a failed install” to see this change');
    expect(await page.evaluate(() => document.querySelector('details')!.open)).toBe(false);
    await next();
    await expect.poll(() => shownCount(page)).toBe('3 of 3');
    expect(await section()).toBe('Open “conda” to see this change');
    expect(await page.evaluate(() => [...document.querySelectorAll('[role=tabpanel]')].map((panel) => (panel as HTMLElement).hidden))).toEqual([false, true]);
    // The reader opens them: the highlights were there all along.
    await (await page.$('summary'))!.click();
    await (await page.$('[role=tab]:nth-child(2)'))!.click();
    await expect.poll(visibleHighlights).toEqual(['10', 'corporate', 'conda-forge']);
  });
});
