import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ExtensionBrowser } from '../../harness/chromium';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import { ageViews, visitAndSettle } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { probeOverlay } from '../support/page-probe';
import { clickInOverlay, overlayText } from '../../harness/closed-shadow';

const pages = loadCorpus().filter((p) => ['api-guide__fields', 'api-guide__pagination'].includes(p.slug)).map((page) => ({ page, pair: pairWithChanges(page, 2, 15), url: page.url.replace(/^https:/, 'http:') }));

describe('the changes page (Chromium)', () => {
  let docs: FixtureServer;
  let browser: ExtensionBrowser;
  let tab: Page;
  let changes: Page;
  const badges: string[] = [];

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    browser = await launchChromium({ port: docs.port, hosts: ['www.django-rest-framework.org'] });
    tab = await browser.context.newPage();
    for (const { pair, url } of pages) {
      docs.pages.set(new URL(url).pathname, readHtml(pair.before));
      await visitAndSettle(browser.worker, tab, url);
    }
    await ageViews(browser.worker, 3 * 24 * 3600e3);
    for (const { pair, url } of pages) {
      docs.pages.set(new URL(url).pathname, readHtml(pair.after));
      badges.push(await visitAndSettle(browser.worker, tab, url));
    }
    changes = await browser.context.newPage();
    await changes.goto(`chrome-extension://${browser.extensionId}/changes.html`);
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
  });

  test('lists both visited pages that changed, with the changes their overlays showed', async () => {
    await expect.poll(() => changes.locator('.site-summary').textContent()).toMatch(/^2 pages changed, \+\d+ −\d+ words$/);
    const rows = changes.locator('.page');
    expect(await rows.count()).toBe(2);
    // Newest change first: the page visited last.
    expect(await rows.nth(0).locator('.title').getAttribute('href')).toBe(pages[1]!.url);
    for (const [i, { url }] of pages.entries()) {
      const row = changes.locator('.page', { has: changes.locator(`a[href="${url}"]`) });
      expect(await row.locator('.counts').textContent()).toMatch(new RegExp(`in ${badges[i]} places$`));
    }
  });

  test('Details shows the changed text with context, as text', async () => {
    const row = changes.locator('.page').first();
    await row.getByRole('button', { name: 'Details' }).click();
    await expect.poll(() => row.locator('.line.added, .line.removed').count()).toBeGreaterThan(0);
    expect(await row.locator('.line.same').count()).toBeGreaterThan(0);
    expect(await row.locator('.diff img, .diff script, .diff a').count()).toBe(0);
  });

  test('comparing the newest version with itself shows nothing; with the older one, the changes', async () => {
    const row = changes.locator('.page').first();
    const from = row.getByLabel('From');
    const to = row.getByLabel('To');
    const newest = await to.inputValue();
    const older = await from.inputValue();
    await from.selectOption(newest);
    await expect.poll(() => row.getByText('These two versions read the same.').count()).toBe(1);
    await from.selectOption(older);
    await expect.poll(() => row.locator('.line.added, .line.removed').count()).toBeGreaterThan(0);
  });

  test('"Open the page with these changes" opens the live page, its overlay against that version', async () => {
    const row = changes.locator('.page', { has: changes.locator(`a[href="${pages[0]!.url}"]`) });
    await row.waitFor();
    // Marked as seen, the page would show no changes on its own: what shows comes from the choice made here.
    await visitAndSettle(browser.worker, tab, pages[0]!.url);
    await clickInOverlay(tab, 'Mark as seen');
    expect(await visitAndSettle(browser.worker, tab, pages[0]!.url)).toBe('');
    const opened = browser.context.waitForEvent('page');
    await row.getByRole('button', { name: 'Open the page with these changes' }).click();
    const live = await opened;
    await live.waitForSelector('docdelta-overlay', { state: 'attached', timeout: 20_000 });
    const seen = await probeOverlay(live);
    expect(seen.highlighted.length + seen.ghostRemoved.length).toBeGreaterThan(0);
    await expect.poll(() => overlayText(live, '.count')).toBe(`${badges[0]} changes`);
    await live.close();
  });
});
