import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import { ageViews, lastViewAt, type ExtensionContext } from '../../harness/extension-state';
import { evaluatorOf, launchFirefox, waitForElement, type FirefoxWithExtension } from '../../harness/firefox';
import { badgeOf, control, shownCount, visitInFirefox } from '../../harness/firefox-reader';
import { FixtureServer } from '../../harness/fixture-server';
import { firstHighlightBox, probeOverlay } from '../support/page-probe';
import { clickInOverlay, overlayText } from '../../harness/closed-shadow';

// The popup and the overlay's own controls in Firefox ESR, as popup.test.ts and
// overlay-interaction.test.ts in Chromium: the switch remembered for the site, the popup
// from the keyboard alone, an older version chosen in the timeline, Go to first change and
// Mark as seen, an untracked page, the navigator's buttons, and highlights that really paint.
const page = loadCorpus().find((p) => p.slug === 'api-guide__permissions')!;
const url = page.url.replace(/^https:/, 'http:');
// Three visits to three versions: the popup's timeline has an older one to choose.
const pair = pairWithChanges(page, 3, 10);
const older = page.versions[page.versions.indexOf(pair.before) - 5]!;
const ROOT = '#main-content, article.md-content__inner';

declare const chrome: { tabs: { query: (filter: object) => Promise<Array<{ id?: number }>> } };

describe('the popup and the overlay\'s controls in Firefox', () => {
  let server: FixtureServer;
  let firefox: FirefoxWithExtension;
  let extension: ExtensionContext;
  let tab: Page;

  const ghosts = () => tab.evaluate(() => document.querySelectorAll('docdelta-removed').length);
  const highlighted = () => tab.evaluate(() => CSS.highlights.get('docdelta-added')?.size ?? 0);
  const rootHtml = (p: Page) => p.evaluate((selector) => document.querySelector(selector)!.innerHTML, ROOT);
  /** The popup for the reader's tab, opened as a page (it would see itself as the active tab, so the tab is named). */
  async function openPopup(pageUrl = url): Promise<Page> {
    const tabId = await extension.evaluate(async (address) => (await chrome.tabs.query({ url: address }))[0]!.id!, pageUrl);
    const popup = await firefox.openExtensionPage(`popup.html?tab=${tabId}`);
    await waitForElement(popup, '[role="switch"], main p');
    return popup;
  }
  const switchState = (popup: Page) => popup.$eval('[role="switch"]', (element) => element.getAttribute('aria-checked'));

  beforeAll(async () => {
    server = await new FixtureServer().start();
    server.pages.set('/untracked/', '<html><body><main><p>Not a docs site DocDelta knows.</p></main></body></html>');
    firefox = await launchFirefox({ proxyPort: server.port });
    extension = evaluatorOf(await firefox.openExtensionPage('options.html'));
    tab = await firefox.browser.newPage();
    for (const version of [older, pair.before]) {
      server.pages.set(new URL(url).pathname, readHtml(version));
      await visitInFirefox(extension, tab, url);
      // Each visit a day apart, so each is its own visit.
      await ageViews(extension, 24 * 3600e3);
    }
    server.pages.set(new URL(url).pathname, readHtml(pair.after));
    const { badge } = await visitInFirefox(extension, tab, url);
    if (badge !== String(pair.changes)) throw new Error(`expected ${pair.changes} changes, the badge says "${badge}"`);
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.stop();
  });

  test('the navigator buttons work with a mouse, and show the section heading', async () => {
    await clickInOverlay(tab, 'Next change');
    await expect.poll(() => shownCount(tab)).toBe(`1 of ${pair.changes}`);
    const section = await overlayText(tab, '.section');
    const headings = await tab.evaluate((selector) => [...document.querySelector(selector)!.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => h.textContent!.replace(/¶/g, '').trim()), ROOT);
    expect(headings).toContain(section);
    await clickInOverlay(tab, 'Previous change');
    await expect.poll(() => shownCount(tab)).toBe(`${pair.changes} of ${pair.changes}`);
  });

  test('the highlights really paint; switched off, the page is exactly as served; the site remembers it', async () => {
    const reference = await firefox.browser.newPage();
    await reference.setContent(readHtml(pair.after));
    const served = await rootHtml(reference);
    await reference.close();
    await tab.bringToFront();
    const clip = (await firstHighlightBox(evaluatorOf(tab))).document;
    const painted = await tab.screenshot({ clip });

    const popup = await openPopup();
    await (await waitForElement(popup, '[role="switch"]')).click();
    await expect.poll(ghosts).toBe(0);
    await expect.poll(highlighted).toBe(0);
    expect(await switchState(popup)).toBe('false');
    expect(await rootHtml(tab)).toBe(served);
    await tab.bringToFront();
    const plain = await tab.screenshot({ clip });
    expect(Buffer.from(plain).equals(Buffer.from(painted)), 'the highlight changes pixels on screen').toBe(false);
    // Remembered for the site: a reload keeps the overlay off (the badge still counts).
    const reloaded = Date.now();
    await tab.reload();
    await expect.poll(() => lastViewAt(extension)).toBeGreaterThanOrEqual(reloaded);
    await expect.poll(() => badgeOf(extension, url)).toBe(String(pair.changes));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await ghosts()).toBe(0);
    expect(await highlighted()).toBe(0);
    await popup.close();
  });

  test('the popup works from the keyboard alone, with a visible focus ring', async () => {
    const popup = await openPopup();
    const focusedRole = () => popup.evaluate(() => document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName ?? '');
    for (let i = 0; i < 10 && (await focusedRole()) !== 'switch'; i++) await popup.keyboard.press('Tab');
    expect(await focusedRole()).toBe('switch');
    expect(await popup.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    expect(await switchState(popup)).toBe('false');
    await popup.keyboard.press(' ');
    await expect.poll(ghosts).toBeGreaterThan(0);
    expect(await switchState(popup)).toBe('true');
    await popup.keyboard.press('Enter');
    expect(await switchState(popup)).toBe('false');
    await expect.poll(ghosts).toBe(0);
    await popup.keyboard.press('Enter');
    await expect.poll(ghosts).toBeGreaterThan(0);
    // Tab on reaches the timeline's versions.
    const inTimeline = () => popup.evaluate(() => !!document.activeElement?.closest('.timeline li'));
    for (let i = 0; i < 10 && !(await inTimeline()); i++) await popup.keyboard.press('Tab');
    expect(await inTimeline()).toBe(true);
    await popup.close();
  });

  test('choosing an older version in the timeline redraws the page against it', async () => {
    const popup = await openPopup();
    const rows = async () => popup.$$('.timeline li button');
    await expect.poll(async () => (await rows()).length).toBe(3);
    expect(await (await rows())[0]!.evaluate((row) => row.textContent)).toContain('on screen now');
    expect(await (await rows())[1]!.evaluate((row) => row.getAttribute('aria-pressed'))).toBe('true');
    const before = await probeOverlay(tab);
    await (await rows())[2]!.click();
    await expect.poll(async () => (await rows())[2]!.evaluate((row) => row.getAttribute('aria-pressed'))).toBe('true');
    const after = await probeOverlay(tab);
    expect(after.highlighted.length + after.ghostRemoved.length).toBeGreaterThan(before.highlighted.length + before.ghostRemoved.length);
    await expect.poll(() => badgeOf(extension, url)).not.toBe(String(pair.changes));
    await popup.close();
  });

  test('Go to first change scrolls to it; Mark as seen clears the page', async () => {
    const popup = await openPopup();
    await tab.evaluate(() => scrollTo(0, 0));
    await (await control(popup, 'Go to first change')).click();
    await expect.poll(() => shownCount(tab)).toMatch(/^1 of /);
    expect(await tab.evaluate(() => scrollY)).toBeGreaterThan(0);
    await (await control(popup, 'Mark as seen')).click();
    await expect.poll(ghosts).toBe(0);
    await expect.poll(() => badgeOf(extension, url)).toBe('');
    await expect.poll(() => popup.$eval('.summary', (element) => element.textContent)).toBe('No changes since your last visit.');
    await popup.close();
  });

  test('on a site DocDelta does not track, the popup says so', async () => {
    const other = await firefox.browser.newPage();
    await other.goto('http://example.org/untracked/');
    // DocDelta cannot see an untracked tab's address: the popup is opened for the active tab.
    const tabId = await extension.evaluate(async () => (await chrome.tabs.query({ active: true, currentWindow: true }))[0]!.id!);
    const popup = await firefox.openExtensionPage(`popup.html?tab=${tabId}`);
    await expect.poll(() => popup.evaluate(() => document.querySelector('main')?.textContent ?? '')).toContain('does not track this page\'s site');
    await popup.close();
    await other.close();
  });
});
