import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ExtensionBrowser } from '../../harness/chromium';
import { badgeText, runCommand, visitAndSettle } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { tuckedAfter, tuckedBefore, tuckedPage, tuckedUrl } from '../support/tucked-sections';
import { overlayText } from '../../harness/closed-shadow';

const path = new URL(tuckedUrl).pathname;

describe('changes in a collapsed section or another tab (Chromium)', () => {
  let server: FixtureServer;
  let browser: ExtensionBrowser;
  let tab: Page;

  const navigator = (selector: string) => overlayText(tab, selector);
  /** The words highlighted as added that the reader can see now (rendered, in a laid-out box). */
  const visibleHighlights = () =>
    tab.evaluate(() => {
      const ranges = [...(CSS.highlights.get('docdelta-added') ?? [])] as Range[];
      return ranges
        .filter((range) => range.startContainer.parentElement!.checkVisibility() && range.getBoundingClientRect().width > 0)
        .map((range) => range.toString());
    });

  beforeAll(async () => {
    server = await new FixtureServer().start();
    browser = await launchChromium({ port: server.port, hosts: ['www.django-rest-framework.org'] });
    tab = await browser.context.newPage();
    server.pages.set(path, tuckedPage(tuckedBefore));
    await visitAndSettle(browser.worker, tab, tuckedUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('opening the page on another tab is not a change: hidden tab panels are read too', async () => {
    server.pages.set(path, tuckedPage({ ...tuckedBefore, selectedTab: 1 }));
    await visitAndSettle(browser.worker, tab, tuckedUrl);
    expect(await badgeText(browser.worker, tab)).toBe('');
    expect(await tab.evaluate(() => document.querySelector('docdelta-overlay'))).toBeNull();
  });

  test('every change is counted, the ones out of sight said apart, and only the visible one paints', async () => {
    server.pages.set(path, tuckedPage(tuckedAfter));
    await visitAndSettle(browser.worker, tab, tuckedUrl);
    expect(await badgeText(browser.worker, tab)).toBe('3');
    expect(await navigator('.count')).toBe('3 changes');
    expect(await navigator('.tucked')).toBe('2 in closed sections or other tabs');
    expect(await visibleHighlights()).toEqual(['10']);
  });

  test('stepping to a change out of sight names what to open and leaves the page as served; opening it shows the change', async () => {
    const panelsHidden = () => tab.evaluate(() => [...document.querySelectorAll('[role=tabpanel]')].map((panel) => (panel as HTMLElement).hidden));
    await runCommand(browser.worker, tab, 'next-change');
    await expect.poll(() => navigator('.count')).toBe('1 of 3');
    await runCommand(browser.worker, tab, 'next-change');
    await expect.poll(() => navigator('.count')).toBe('2 of 3');
    expect(await navigator('.section')).toBe('Open “Troubleshooting a failed install” to see this change');
    expect(await tab.evaluate(() => document.querySelector('details')!.open)).toBe(false);
    await runCommand(browser.worker, tab, 'next-change');
    await expect.poll(() => navigator('.count')).toBe('3 of 3');
    expect(await navigator('.section')).toBe('Open “conda” to see this change');
    expect(await panelsHidden()).toEqual([false, true]);
    expect(await visibleHighlights()).toEqual(['10']);
    // The reader opens them: the highlights were there all along.
    await tab.locator('summary').click();
    await tab.getByRole('tab', { name: 'conda' }).click();
    await expect.poll(visibleHighlights).toEqual(['10', 'corporate', 'conda-forge']);
  });

  test('with everything open, nothing is said to be out of sight', async () => {
    await runCommand(browser.worker, tab, 'toggle-highlights');
    await runCommand(browser.worker, tab, 'toggle-highlights');
    await expect.poll(() => navigator('.count')).toBe('3 changes');
    expect(await navigator('.tucked')).toBe('');
  });
});
