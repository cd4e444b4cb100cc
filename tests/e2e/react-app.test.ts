import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ageViews, lastViewAt } from '../../harness/extension-state';
import { launchHarness, sleep, type Harness, type Tab } from '../../harness/harness';
import { probeOverlay } from '../support/page-probe';
import { addedCount, ghostCount } from '../../harness/layer-reader';
import { ReactDocsServer } from '../support/react-docs-server';
import { appMarkup, hydrated, rootAttributes, tickers } from '../support/react-probes';
import { scenario } from '../support/scenario';

// product.md's first invariant, on a real React app: server-rendered, hydrated, routed on
// the client, with components re-rendering every 200 ms beside the changed text.
const HOST = 'www.django-rest-framework.org';
// The same app on a host DocDelta does not track: the page exactly as it is without DocDelta.
const PLAIN_HOST = 'plain.fixture.test';
const FRAMEWORK_ERRORS = /removeChild|insertBefore|hydrat|did not match|didn't match|Minified React error/i;
const url = (path: string, host = HOST) => `http://${host}${path}`;

describe('a server-rendered React app, hydrated and routed on the client', () => {
  let server: ReactDocsServer;
  let browser: Harness;
  let tab: Tab;
  let plain: Tab;
  /** Marks DocDelta draws for the page (in its own frames, never in the app's root). */
  const marksShown = async () => (await ghostCount(tab.page)) + (await addedCount(tab.page));
  /** Turns the tab's highlights on or off as the popup's switch does. */
  const setHighlights = async (on: boolean) => browser.message({ type: 'set-highlights', payload: { tabId: await browser.tabId(tab), on } });

  beforeAll(async () => {
    server = await new ReactDocsServer().start();
    browser = await launchHarness(scenario.browser, { port: server.port, hosts: [HOST, PLAIN_HOST] });
    tab = await browser.newTab();
    // First visit to the earlier text; a later visit finds the page changed.
    await browser.visit(tab, url('/react-app/first/'));
    await hydrated(tab);
    await ageViews(browser.extension, 3 * 3600e3);
    server.version = 'after';
    await browser.visit(tab, url('/react-app/first/'));
    await hydrated(tab);
    plain = await browser.newTab();
    await plain.goto(url('/react-app/first/', PLAIN_HOST));
    await hydrated(plain);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the changes show on the hydrated page while its components keep re-rendering', async () => {
    expect(Number(await browser.badge(tab))).toBeGreaterThan(0);
    const seen = await probeOverlay(tab.page);
    expect(seen.highlighted.length).toBeGreaterThan(0);
    expect(seen.ghostRemoved.length).toBeGreaterThan(0);
    const before = await tickers(tab);
    await expect.poll(() => tickers(tab)).not.toBe(before);
    expect(await tab.evaluate(() => document.querySelectorAll('docdelta-overlay').length)).toBe(1);
  });

  test('the app\'s root is as React made it: the same markup as without DocDelta, overlay on and off', async () => {
    const reference = await appMarkup(plain);
    expect(await marksShown()).toBeGreaterThan(0);
    expect(await appMarkup(tab)).toBe(reference);
    await setHighlights(false);
    await expect.poll(marksShown).toBe(0);
    // Off, nothing of DocDelta is left in the root at all.
    expect(await appMarkup(tab, true)).toBe(reference);
    await setHighlights(true);
    await expect.poll(marksShown).toBeGreaterThan(0);
    expect(await appMarkup(tab)).toBe(reference);
  });

  test('no attribute on <html> or <body> beyond the page\'s own', async () => {
    expect(await rootAttributes(tab)).toEqual(await rootAttributes(plain));
  });

  test('a link click routes on the client (no reload), and the new page is read', async () => {
    await tab.bringToFront();
    await tab.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const before = Date.now();
    await tab.click('nav a[href="/react-app/second/"]');
    await expect.poll(() => tab.evaluate(() => location.href)).toBe(url('/react-app/second/'));
    await expect.poll(() => lastViewAt(browser.extension)).toBeGreaterThanOrEqual(before);
    expect(await tab.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await tab.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    const next = await tickers(tab);
    await expect.poll(() => tickers(tab)).not.toBe(next);
  });

  test('and through all of it, no error from the app or React: nothing about removeChild, insertBefore or hydration', async () => {
    // Let the re-renders run a while longer beside the overlay, back on the first page.
    await tab.goBack();
    await expect.poll(() => tab.evaluate(() => location.href)).toBe(url('/react-app/first/'));
    await sleep(1500);
    expect(tab.errors().filter((text) => FRAMEWORK_ERRORS.test(text) || text.startsWith('uncaught'))).toEqual([]);
    expect(tab.errors()).toEqual([]);
  });
});
