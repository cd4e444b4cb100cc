import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExtensionContext } from '../../harness/extension-state';
import { evaluatorOf, launchFirefox, type FirefoxWithExtension } from '../../harness/firefox';
import { badgeOf, shownCount, visitInFirefox } from '../../harness/firefox-reader';
import { FixtureServer } from '../../harness/fixture-server';
import { probeOverlay } from '../support/page-probe';
import { spaSite, spaUrl } from '../support/spa-docs';

// spa-navigation.test.ts in Firefox ESR: a client-side-routed docs app (pushState, back,
// an in-page anchor, the article re-rendered) keeps showing each page's changes, once.
describe('client-side navigation in Firefox', () => {
  let server: FixtureServer;
  let firefox: FirefoxWithExtension;
  let extension: ExtensionContext;
  let tab: Page;
  const url = spaUrl;
  let serve: (which: 'before' | 'after') => void;
  const probe = () => probeOverlay(tab);

  beforeAll(async () => {
    server = await new FixtureServer().start();
    ({ serve } = spaSite(server));
    firefox = await launchFirefox({ proxyPort: server.port });
    extension = evaluatorOf(await firefox.openExtensionPage('options.html'));
    tab = await firefox.browser.newPage();
    serve('before');
    await visitInFirefox(extension, tab, url('/spa/first/'));
    await visitInFirefox(extension, tab, url('/spa/second/'));
    serve('after');
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.stop();
  });

  test('navigating client-side clears the old overlay and shows the new page\'s changes, once', async () => {
    // What a full page load of each page shows, for comparison.
    const { badge: secondBadge } = await visitInFirefox(extension, tab, url('/spa/second/'));
    const secondFull = await probe();
    const { badge: firstBadge } = await visitInFirefox(extension, tab, url('/spa/first/'));
    const firstFull = await probe();
    expect(Number(secondBadge)).toBeGreaterThan(0);
    expect(Number(firstBadge)).toBeGreaterThan(0);

    await tab.click('nav a[href="/spa/second/"]');
    await expect.poll(() => shownCount(tab), { timeout: 10_000 }).toBe(`${secondBadge} changes`);
    await expect.poll(() => badgeOf(extension, url('/spa/second/'))).toBe(secondBadge);
    const afterNavigation = await probe();
    expect(afterNavigation.ghostCount).toBe(secondFull.ghostCount);
    expect(afterNavigation.highlighted.sort()).toEqual(secondFull.highlighted.sort());
    expect(afterNavigation.ghostRemoved.sort()).toEqual(secondFull.ghostRemoved.sort());
    expect(await tab.evaluate(() => document.querySelectorAll('docdelta-overlay').length)).toBe(1);

    await tab.evaluate(() => history.back());
    await expect.poll(() => shownCount(tab), { timeout: 10_000 }).toBe(`${firstBadge} changes`);
    const back = await probe();
    expect(back.ghostCount).toBe(firstFull.ghostCount);
    expect(back.highlighted.sort()).toEqual(firstFull.highlighted.sort());
  });

  test('following an in-page anchor keeps the overlay as it is', async () => {
    await tab.evaluate(() => {
      (document.querySelector('docdelta-removed') as unknown as { probe: number }).probe = 42;
    });
    await tab.click('#anchor');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await tab.evaluate(() => (document.querySelector('docdelta-removed') as unknown as { probe?: number } | null)?.probe)).toBe(42);
  });

  test('when the app re-renders the same article, the changes are drawn again on the new nodes', async () => {
    const before = await probe();
    await tab.evaluate(() => (window as unknown as { show: (path: string) => void }).show(location.pathname));
    await expect.poll(async () => (await probe()).ghostCount, { timeout: 5000 }).toBe(before.ghostCount);
    const after = await probe();
    expect(after.highlighted.sort()).toEqual(before.highlighted.sort());
    expect(after.ghostRemoved.sort()).toEqual(before.ghostRemoved.sort());
    expect(await tab.evaluate(() => [...(CSS.highlights.get('docdelta-added') ?? [])].every((r) => (r as Range).startContainer.isConnected))).toBe(true);
  });
});
