import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { chromeE2eBuild, launchChromium, type ExtensionBrowser } from '../../harness/chromium';
import { clickToolbarButton, lastViewAt, visitAndSettle } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { UNKNOWN_HOST, unknownSitePage, unknownSiteUrl } from '../support/unknown-site';

// A docs site DocDelta does not know. The e2e build holds its permission as granted, so the
// browser's prompt (which automation cannot answer) resolves at once; the rest is the real flow.
const HOST = UNKNOWN_HOST;
const url = unknownSiteUrl;
const article = unknownSitePage;

describe('tracking a site DocDelta does not know (Chromium)', () => {
  let docs: FixtureServer;
  let browser: ExtensionBrowser;
  let tab: Page;

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    docs.pages.set('/guide/setup/', article(['Create a project', 'Copy the key']));
    browser = await launchChromium({ port: docs.port, hosts: [HOST], extension: chromeE2eBuild, remoteDebugging: true });
    tab = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
  });

  test('untracked at first: nothing is read or stored', async () => {
    await tab.goto(url);
    await tab.waitForTimeout(1500);
    expect(await lastViewAt(browser.worker)).toBe(0);
    expect(await tab.locator('docdelta-overlay').count()).toBe(0);
  });

  test('"Track this site" in the real popup starts DocDelta on the page at once', async () => {
    const { popup, disconnect } = await clickToolbarButton(browser, tab);
    try {
      await popup.waitForSelector('button.primary');
      expect(await popup.$eval('button.primary', (b) => b.textContent)).toBe(`Track ${HOST}`);
      await popup.click('button.primary');
      await popup.waitForFunction(() => document.querySelector('.summary')?.textContent?.startsWith('First visit'), { timeout: 20_000 });
    } finally {
      await popup.close().catch(() => undefined);
      await disconnect();
    }
    expect(await lastViewAt(browser.worker)).toBeGreaterThan(0);
  });

  test('the next visit shows what changed, with the generic article rules', async () => {
    docs.pages.set('/guide/setup/', article(['Create a project', 'Copy the key', 'Enable billing for the project']));
    expect(await visitAndSettle(browser.worker, tab, url)).toBe('1');
    const highlighted = await tab.evaluate(() => [...(CSS.highlights.get('docdelta-added') ?? [])].map((r) => (r as Range).toString()).join(' '));
    expect(highlighted).toContain('Enable billing for the project');
  });

  test('Options lists the site; removing it stops tracking', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByRole('button', { name: `Stop tracking ${HOST}` }).click();
    await expect.poll(() => options.getByRole('status').textContent()).toContain('is no longer tracked');
    const before = Date.now();
    await tab.reload();
    await tab.waitForTimeout(1500);
    expect(await lastViewAt(browser.worker)).toBeLessThan(before);
    expect(await tab.locator('docdelta-overlay').count()).toBe(0);

    // Added again from Options, by pattern, with an article selector.
    await options.getByLabel(/^Site address or pattern/).fill(`http://${HOST}/guide/*`);
    await options.getByLabel(/^Article selector/).fill('#doc');
    await options.getByRole('button', { name: 'Add site' }).click();
    await expect.poll(() => options.getByRole('status').textContent()).toBe(`${HOST} is tracked from now on.`);
    await expect.poll(() => options.getByText('article: #doc').count()).toBe(1);
    const again = Date.now();
    await tab.reload();
    await expect.poll(() => lastViewAt(browser.worker)).toBeGreaterThanOrEqual(again);
    await options.close();
  });

  test('a permission revoked in the browser stops tracking', async () => {
    // The browser revokes the permission (from its extensions page): what DocDelta sees is
    // permissions.contains turning false and permissions.onRemoved firing.
    await browser.worker.evaluate((origin) => {
      const permissions = (globalThis as unknown as { chrome: { permissions: { contains: (p: { origins?: string[] }) => Promise<boolean>; onRemoved: { dispatch: (p: unknown) => void } } } }).chrome.permissions;
      const contains = permissions.contains.bind(permissions);
      permissions.contains = async (p) => (p.origins?.includes(origin) ? false : contains(p));
      permissions.onRemoved.dispatch({ origins: [origin], permissions: [] });
    }, `http://${HOST}/*`);
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => options.getByRole('button', { name: `Stop tracking ${HOST}` }).count()).toBe(0);
    const before = Date.now();
    const fresh = await browser.context.newPage();
    await fresh.goto(url);
    await fresh.waitForTimeout(1500);
    expect(await lastViewAt(browser.worker)).toBeLessThan(before);
    await options.close();
  });
});
