import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type ExtensionBrowser } from '../../harness/chromium';
import { ageViews, badgeText, lastViewAt, runCommand, visitAndSettle } from '../../harness/extension-state';
import { probeOverlay } from '../support/page-probe';
import { ReactDocsServer } from '../support/react-docs-server';
import { appMarkup, hydrated, rootAttributes, tickers } from '../support/react-probes';

// product.md's first invariant, on a real React app: server-rendered, hydrated, routed on
// the client, with components re-rendering every 200 ms beside the changed text.
const HOST = 'www.django-rest-framework.org';
// The same app on a host DocDelta does not track: the page exactly as it is without DocDelta.
const PLAIN_HOST = 'plain.fixture.test';
const FRAMEWORK_ERRORS = /removeChild|insertBefore|hydrat|did not match|didn't match|Minified React error/i;

const attributesOf = rootAttributes;

describe('a server-rendered React app, hydrated and routed on the client (Chromium)', () => {
  let server: ReactDocsServer;
  let browser: ExtensionBrowser;
  let tab: Page;
  let plain: Page;
  const errors: string[] = [];
  const url = (path: string, host = HOST) => `http://${host}${path}`;

  beforeAll(async () => {
    server = await new ReactDocsServer().start();
    browser = await launchChromium({ port: server.port, hosts: [HOST, PLAIN_HOST] });
    tab = await browser.context.newPage();
    tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    tab.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    // First visit to the earlier text; a later visit finds the page changed.
    await visitAndSettle(browser.worker, tab, url('/react-app/first/'));
    await hydrated(tab);
    await ageViews(browser.worker, 3 * 3600e3);
    server.version = 'after';
    await visitAndSettle(browser.worker, tab, url('/react-app/first/'));
    await hydrated(tab);
    plain = await browser.context.newPage();
    await plain.goto(url('/react-app/first/', PLAIN_HOST));
    await hydrated(plain);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the changes show on the hydrated page while its components keep re-rendering', async () => {
    expect(Number(await badgeText(browser.worker, tab))).toBeGreaterThan(0);
    const seen = await probeOverlay(tab);
    expect(seen.highlighted.length).toBeGreaterThan(0);
    expect(seen.ghostRemoved.length).toBeGreaterThan(0);
    const before = await tickers(tab);
    await expect.poll(() => tickers(tab)).not.toBe(before);
    expect(await tab.locator('docdelta-overlay').count()).toBe(1);
  });

  test('the app\'s root is as React made it: the same markup as without DocDelta, overlay on and off', async () => {
    const reference = await appMarkup(plain);
    expect(await tab.locator('#root docdelta-removed').count()).toBeGreaterThan(0);
    expect(await appMarkup(tab)).toBe(reference);
    await runCommand(browser.worker, tab, 'toggle-highlights');
    await expect.poll(() => tab.locator('#root docdelta-removed').count()).toBe(0);
    // Off, nothing of DocDelta is left in the root at all.
    expect(await appMarkup(tab, true)).toBe(reference);
    await runCommand(browser.worker, tab, 'toggle-highlights');
    await expect.poll(() => tab.locator('#root docdelta-removed').count()).toBeGreaterThan(0);
    expect(await appMarkup(tab)).toBe(reference);
  });

  test('no attribute on <html> or <body> beyond the page\'s own', async () => {
    expect(await attributesOf(tab)).toEqual(await attributesOf(plain));
  });

  test('a link click routes on the client (no reload), and the new page is read', async () => {
    await tab.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const before = Date.now();
    await tab.getByRole('link', { name: 'Permissions' }).click();
    await tab.waitForURL(url('/react-app/second/'));
    await expect.poll(() => lastViewAt(browser.worker), { timeout: 20_000 }).toBeGreaterThanOrEqual(before);
    expect(await tab.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await tab.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    const next = await tickers(tab);
    await expect.poll(() => tickers(tab)).not.toBe(next);
  });

  test('and through all of it, no error from the app or React: nothing about removeChild, insertBefore or hydration', async () => {
    // Let the re-renders run a while longer beside the overlay.
    await tab.goBack();
    await tab.waitForURL(url('/react-app/first/'));
    await tab.waitForTimeout(1500);
    expect(errors.filter((text) => FRAMEWORK_ERRORS.test(text) || text.startsWith('uncaught'))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
