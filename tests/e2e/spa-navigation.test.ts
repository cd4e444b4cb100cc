import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { shownCount } from '../../harness/layer-reader';
import { FixtureServer } from '../../harness/fixture-server';
import { storedPages } from '../../harness/extension-state';
import { launchHarness, sleep, type Harness, type Tab } from '../../harness/harness';
import { probeOverlay } from '../support/page-probe';
import { scenario } from '../support/scenario';
import { SPA_HOST, spaSite, spaUrl as url } from '../support/spa-docs';

// A client-side-routed docs app (pushState, back, an in-page anchor, the article re-rendered)
// keeps showing each page's changes, once.
describe('client-side navigation', () => {
  let server: FixtureServer;
  let browser: Harness;
  let tab: Tab;
  let serve: (which: 'before' | 'after') => void;
  const probe = () => probeOverlay(tab.page);

  beforeAll(async () => {
    server = await new FixtureServer().start();
    ({ serve } = spaSite(server));
    browser = await launchHarness(scenario.browser, { port: server.port, hosts: [SPA_HOST] });
    tab = await browser.newTab();
    serve('before');
    await browser.visit(tab, url('/spa/first/'));
    await browser.visit(tab, url('/spa/second/'));
    serve('after');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('navigating client-side clears the old overlay and shows the new page\'s changes, once', async () => {
    // What a full page load of each page shows, for comparison.
    const secondBadge = await browser.visit(tab, url('/spa/second/'));
    const secondFull = await probe();
    const firstBadge = await browser.visit(tab, url('/spa/first/'));
    const firstFull = await probe();
    expect(Number(secondBadge)).toBeGreaterThan(0);
    expect(Number(firstBadge)).toBeGreaterThan(0);

    await tab.click('nav a[href="/spa/second/"]');
    await expect.poll(() => shownCount(tab.page)).toBe(`${secondBadge} changes`);
    await expect.poll(() => browser.badge(tab)).toBe(secondBadge);
    // The reader's click opened it: its view is theirs (eviction takes pages nobody opened first).
    const second = (await storedPages(browser.extension)).find((page) => page.key.endsWith('/spa/second'))!;
    expect(second.views.at(-1)!.unopened).toBeUndefined();
    const afterNavigation = await probe();
    expect(afterNavigation.ghostCount).toBe(secondFull.ghostCount);
    expect(afterNavigation.highlighted.sort()).toEqual(secondFull.highlighted.sort());
    expect(afterNavigation.ghostRemoved.sort()).toEqual(secondFull.ghostRemoved.sort());
    expect(await tab.evaluate(() => document.querySelectorAll('docdelta-overlay').length)).toBe(1);

    await tab.goBack();
    await expect.poll(() => shownCount(tab.page)).toBe(`${firstBadge} changes`);
    const back = await probe();
    expect(back.ghostCount).toBe(firstFull.ghostCount);
    expect(back.highlighted.sort()).toEqual(firstFull.highlighted.sort());
  });

  test('following an in-page anchor keeps the overlay as it is', async () => {
    await tab.evaluate(() => {
      (document.querySelector('docdelta-overlay') as unknown as { probe: number }).probe = 42;
    });
    await tab.click('#anchor');
    // Nothing is to happen: give a wrong redraw time to show itself.
    await sleep(1500);
    expect(await tab.evaluate(() => (document.querySelector('docdelta-overlay') as unknown as { probe?: number } | null)?.probe)).toBe(42);
  });

  test('when the app re-renders the same article, the changes are drawn again on the new nodes', async () => {
    const before = await probe();
    await tab.evaluate(() => (window as unknown as { show: (path: string) => void }).show(location.pathname));
    await expect.poll(async () => (await probe()).ghostCount).toBe(before.ghostCount);
    const after = await probe();
    expect(after.highlighted.sort()).toEqual(before.highlighted.sort());
    expect(after.ghostRemoved.sort()).toEqual(before.ghostRemoved.sort());
  });
});
