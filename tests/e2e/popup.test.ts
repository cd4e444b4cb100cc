import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ExtensionBrowser } from '../../harness/chromium';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import { ageViews, badgeText, clickToolbarButton, lastViewAt, openPopupAsPage, visitAndSettle } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { probeOverlay } from '../support/page-probe';
import { overlayText } from '../../harness/closed-shadow';

const page = loadCorpus().find((p) => p.slug === 'api-guide__permissions')!;
const url = page.url.replace(/^https:/, 'http:');
// Three visits to three versions: the popup's timeline has an older one to choose.
const pair = pairWithChanges(page, 3, 10);
const older = page.versions[page.versions.indexOf(pair.before) - 5]!;

describe('the toolbar popup (Chromium)', () => {
  let server: FixtureServer;
  let browser: ExtensionBrowser;
  let tab: Page;

  const ghosts = () => tab.evaluate(() => document.querySelectorAll('docdelta-removed').length);
  const highlighted = () => tab.evaluate(() => CSS.highlights.get('docdelta-added')?.size ?? 0);

  beforeAll(async () => {
    server = await new FixtureServer().start();
    server.pages.set('/untracked/', '<html><body><main><p>Not a docs site DocDelta knows.</p></main></body></html>');
    browser = await launchChromium({ port: server.port, hosts: ['www.django-rest-framework.org', 'example.org'], remoteDebugging: true });
    tab = await browser.context.newPage();
    for (const version of [older, pair.before]) {
      server.pages.set(new URL(url).pathname, readHtml(version));
      await visitAndSettle(browser.worker, tab, url);
      // Each visit a day apart, so each is its own visit.
      await ageViews(browser.worker, 24 * 3600e3);
    }
    server.pages.set(new URL(url).pathname, readHtml(pair.after));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a toolbar click opens the real popup, which sums up the changes', async () => {
    await visitAndSettle(browser.worker, tab, url);
    const { popup, disconnect } = await clickToolbarButton(browser, tab);
    try {
      const summary = () => popup.evaluate(() => document.querySelector('.summary')?.textContent ?? '');
      await expect.poll(summary).toMatch(new RegExp(`^\\+\\d+ −\\d+ words in ${pair.changes} places since your last visit`));
      expect(await popup.evaluate(() => document.querySelector('[role="switch"]')?.getAttribute('aria-checked'))).toBe('true');
    } finally {
      await popup.close();
      await disconnect();
    }
  });

  test('the Highlights switch turns the overlay off and on, and the site remembers it', async () => {
    const popup = await openPopupAsPage(browser, tab);
    const highlights = popup.getByRole('switch', { name: 'Highlights' });
    await highlights.click();
    await expect.poll(ghosts).toBe(0);
    await expect.poll(highlighted).toBe(0);
    await expect.poll(() => highlights.getAttribute('aria-checked')).toBe('false');
    // Remembered for the site: a reload keeps the overlay off (the badge still counts).
    const reloaded = Date.now();
    await tab.reload();
    await expect.poll(() => lastViewAt(browser.worker)).toBeGreaterThanOrEqual(reloaded);
    await expect.poll(() => badgeText(browser.worker, tab)).toBe(String(pair.changes));
    await tab.waitForTimeout(500);
    expect(await ghosts()).toBe(0);
    expect(await highlighted()).toBe(0);
    await popup.reload();
    await highlights.click();
    await expect.poll(ghosts).toBeGreaterThan(0);
    await expect.poll(highlighted).toBeGreaterThan(0);
    await popup.close();
  });

  test('the popup works from the keyboard alone, with a visible focus ring', async () => {
    const popup = await openPopupAsPage(browser, tab);
    await popup.getByRole('switch', { name: 'Highlights' }).waitFor();
    const focusedRole = () => popup.evaluate(() => document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName ?? '');
    for (let i = 0; i < 10 && (await focusedRole()) !== 'switch'; i++) await popup.keyboard.press('Tab');
    expect(await focusedRole()).toBe('switch');
    expect(await popup.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    const switchState = () => popup.getByRole('switch', { name: 'Highlights' }).getAttribute('aria-checked');
    await popup.keyboard.press('Space');
    await expect.poll(ghosts).toBe(0);
    expect(await switchState()).toBe('false');
    await popup.keyboard.press('Enter');
    expect(await switchState()).toBe('true');
    await expect.poll(ghosts).toBeGreaterThan(0);
    // Tab on reaches the timeline's versions.
    for (let i = 0; i < 10 && !(await popup.evaluate(() => !!document.activeElement?.closest('.timeline li'))); i++) await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => !!document.activeElement?.closest('.timeline li'))).toBe(true);
    await popup.close();
  });

  test('choosing an older version in the timeline redraws the page against it', async () => {
    const popup = await openPopupAsPage(browser, tab);
    const rows = popup.getByRole('list').getByRole('button');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(0).textContent()).toContain('on screen now');
    expect(await rows.nth(1).getAttribute('aria-pressed')).toBe('true');
    const before = await probeOverlay(tab);
    await rows.nth(2).click();
    await expect.poll(() => rows.nth(2).getAttribute('aria-pressed')).toBe('true');
    const after = await probeOverlay(tab);
    expect(after.highlighted.length + after.ghostRemoved.length).toBeGreaterThan(before.highlighted.length + before.ghostRemoved.length);
    await expect.poll(() => badgeText(browser.worker, tab)).not.toBe(String(pair.changes));
    await popup.close();
  });

  test('Go to first change scrolls to it; Mark as seen clears the page', async () => {
    const popup = await openPopupAsPage(browser, tab);
    await tab.evaluate(() => scrollTo(0, 0));
    await popup.getByRole('button', { name: 'Go to first change' }).click();
    await expect.poll(() => overlayText(tab, '.count')).toMatch(/^1 of /);
    await popup.getByRole('button', { name: 'Mark as seen' }).click();
    await expect.poll(ghosts).toBe(0);
    await expect.poll(() => badgeText(browser.worker, tab)).toBe('');
    await expect.poll(() => popup.locator('.summary').textContent()).toBe('No changes since your last visit.');
    await popup.close();
  });

  test('on a site DocDelta does not track, the popup says so', async () => {
    const other = await browser.context.newPage();
    await other.goto('http://example.org/untracked/');
    const popup = await openPopupAsPage(browser, other);
    await expect.poll(() => popup.locator('main').textContent()).toContain('does not track this page\'s site');
    await popup.close();
    await other.close();
  });
});
