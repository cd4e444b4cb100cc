import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ExtensionBrowser } from '../../harness/chromium';
import { badgeText, visitAndSettle } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { probeOverlay } from '../support/page-probe';
import { SPA_HOST, spaSite, spaUrl } from '../support/spa-docs';
import { overlayText } from '../../harness/closed-shadow';

describe('client-side navigation (Chromium)', () => {
  let server: FixtureServer;
  let browser: ExtensionBrowser;
  let tab: Page;
  const url = spaUrl;
  let serve: (which: 'before' | 'after') => void;
  const countText = () => overlayText(tab, '.count');

  beforeAll(async () => {
    server = await new FixtureServer().start();
    ({ serve } = spaSite(server));
    browser = await launchChromium({ port: server.port, hosts: [SPA_HOST] });
    tab = await browser.context.newPage();
    serve('before');
    await visitAndSettle(browser.worker, tab, url('/spa/first/'));
    await visitAndSettle(browser.worker, tab, url('/spa/second/'));
    serve('after');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('navigating client-side clears the old overlay and shows the new page\'s changes, once', async () => {
    // What a full page load of each page shows, for comparison.
    const secondBadge = await visitAndSettle(browser.worker, tab, url('/spa/second/'));
    const secondFull = await probeOverlay(tab);
    const firstBadge = await visitAndSettle(browser.worker, tab, url('/spa/first/'));
    const firstFull = await probeOverlay(tab);
    expect(Number(secondBadge)).toBeGreaterThan(0);
    expect(Number(firstBadge)).toBeGreaterThan(0);

    await tab.getByRole('link', { name: 'Second', exact: true }).click();
    await expect.poll(countText, { timeout: 10_000 }).toBe(`${secondBadge} changes`);
    await expect.poll(() => badgeText(browser.worker, tab)).toBe(secondBadge);
    const afterNavigation = await probeOverlay(tab);
    expect(afterNavigation.ghostCount).toBe(secondFull.ghostCount);
    expect(afterNavigation.highlighted.sort()).toEqual(secondFull.highlighted.sort());
    expect(afterNavigation.ghostRemoved.sort()).toEqual(secondFull.ghostRemoved.sort());
    expect(await tab.evaluate(() => document.querySelectorAll('docdelta-overlay').length)).toBe(1);

    await tab.goBack();
    await expect.poll(countText, { timeout: 10_000 }).toBe(`${firstBadge} changes`);
    const back = await probeOverlay(tab);
    expect(back.ghostCount).toBe(firstFull.ghostCount);
    expect(back.highlighted.sort()).toEqual(firstFull.highlighted.sort());
  });

  test('following an in-page anchor keeps the overlay as it is', async () => {
    await tab.evaluate(() => {
      (document.querySelector('docdelta-removed') as unknown as { probe: number }).probe = 42;
    });
    await tab.click('#anchor');
    await tab.waitForTimeout(1500);
    expect(await tab.evaluate(() => (document.querySelector('docdelta-removed') as unknown as { probe?: number } | null)?.probe)).toBe(42);
  });

  test('when the app re-renders the same article, the changes are drawn again on the new nodes', async () => {
    const before = await probeOverlay(tab);
    await tab.evaluate(() => (window as unknown as { show: (path: string) => void }).show(location.pathname));
    await expect.poll(async () => (await probeOverlay(tab)).ghostCount, { timeout: 5000 }).toBe(before.ghostCount);
    const after = await probeOverlay(tab);
    expect(after.highlighted.sort()).toEqual(before.highlighted.sort());
    expect(after.ghostRemoved.sort()).toEqual(before.ghostRemoved.sort());
    expect(await tab.evaluate(() => [...(CSS.highlights.get('docdelta-added') ?? [])].every((r) => (r as Range).startContainer.isConnected))).toBe(true);
  });
});
