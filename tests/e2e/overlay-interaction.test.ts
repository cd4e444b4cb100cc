import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ExtensionBrowser } from '../../harness/chromium';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import { badgeText, runCommand, visitAndSettle } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { firstHighlightBox } from '../support/page-probe';
import { clickInOverlay, ghostTexts, overlayText } from '../../harness/closed-shadow';

const page = loadCorpus().find((p) => p.slug === 'api-guide__authentication')!;
const url = page.url.replace(/^https:/, 'http:');
const pair = pairWithChanges(page, 4);
const ROOT = '#main-content, article.md-content__inner';

describe('reading a changed page: navigator, commands, toggling (Chromium)', () => {
  let server: FixtureServer;
  let browser: ExtensionBrowser;
  let tab: Page;

  const countText = () => overlayText(tab, '.count');
  const rootHtml = (p: Page) => p.evaluate((selector) => document.querySelector(selector)!.innerHTML, ROOT);
  const ghostCount = () => tab.evaluate(() => document.querySelectorAll('docdelta-removed').length);

  beforeAll(async () => {
    server = await new FixtureServer().start();
    browser = await launchChromium({ port: server.port, hosts: ['www.django-rest-framework.org'] });
    tab = await browser.context.newPage();
    server.pages.set(new URL(url).pathname, readHtml(pair.before));
    await visitAndSettle(browser.worker, tab, url);
    server.pages.set(new URL(url).pathname, readHtml(pair.after));
    await visitAndSettle(browser.worker, tab, url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the badge and the navigator show how many changes there are', async () => {
    expect(await badgeText(browser.worker, tab)).toBe(String(pair.changes));
    expect(await countText()).toBe(`${pair.changes} changes`);
  });

  test('next-change and previous-change step through the changes and scroll each into view', async () => {
    const inView = () =>
      tab.evaluate(() => {
        const current = CSS.highlights.get('docdelta-current');
        const range = current ? ([...current][0] as Range | undefined) : undefined;
        const target = range ?? document.querySelector('docdelta-removed[current]');
        if (!target) return false;
        const rect = target.getBoundingClientRect();
        return rect.bottom > 0 && rect.top < innerHeight;
      });
    await runCommand(browser.worker, tab, 'next-change');
    await expect.poll(countText).toBe(`1 of ${pair.changes}`);
    expect(await inView()).toBe(true);
    const firstScroll = await tab.evaluate(() => scrollY);
    await runCommand(browser.worker, tab, 'next-change');
    await expect.poll(countText).toBe(`2 of ${pair.changes}`);
    expect(await inView()).toBe(true);
    await runCommand(browser.worker, tab, 'previous-change');
    await expect.poll(countText).toBe(`1 of ${pair.changes}`);
    expect(await tab.evaluate(() => scrollY)).toBe(firstScroll);
    await runCommand(browser.worker, tab, 'previous-change');
    await expect.poll(countText).toBe(`${pair.changes} of ${pair.changes}`);
    expect(await inView()).toBe(true);
  });

  test('the navigator buttons work with a mouse, and show the section heading', async () => {
    await clickInOverlay(tab, 'Next change');
    await expect.poll(countText).toBe(`1 of ${pair.changes}`);
    const section = await overlayText(tab, '.section');
    const headings = await tab.evaluate((selector) => [...document.querySelector(selector)!.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => h.textContent!.replace(/¶/g, '').trim()), ROOT);
    expect(headings).toContain(section);
    await clickInOverlay(tab, 'Previous change');
    await expect.poll(countText).toBe(`${pair.changes} of ${pair.changes}`);
  });

  test('highlights really paint, and toggle-highlights off restores the page exactly', async () => {
    const reference = await browser.context.newPage();
    await reference.setContent(readHtml(pair.after), { waitUntil: 'domcontentloaded' });
    const served = await rootHtml(reference);
    await reference.close();

    await tab.bringToFront();
    const clip = (await firstHighlightBox(tab)).viewport;
    const painted = await tab.screenshot({ clip });
    expect(await ghostCount()).toBeGreaterThan(0);
    expect(await rootHtml(tab)).not.toBe(served);

    await runCommand(browser.worker, tab, 'toggle-highlights');
    await expect.poll(() => tab.evaluate(() => CSS.highlights.has('docdelta-added'))).toBe(false);
    expect(await ghostCount()).toBe(0);
    expect(await tab.evaluate(() => document.querySelector('docdelta-overlay'))).toBeNull();
    expect(await rootHtml(tab)).toBe(served);
    const plain = await tab.screenshot({ clip });
    expect(plain.equals(painted), 'the highlight changes pixels on screen').toBe(false);

    await runCommand(browser.worker, tab, 'toggle-highlights');
    await expect.poll(ghostCount).toBeGreaterThan(0);
    await runCommand(browser.worker, tab, 'toggle-highlights');
    await expect.poll(ghostCount).toBe(0);
    expect(await rootHtml(tab)).toBe(served);
  });

  test('removed text is in closed shadow roots of docdelta-* elements, between blocks, rendered as text', async () => {
    await runCommand(browser.worker, tab, 'toggle-highlights');
    await expect.poll(ghostCount).toBeGreaterThan(0);
    const ghosts = await tab.evaluate(() =>
      [...document.querySelectorAll('docdelta-removed')].map((g) => ({ handedToPage: g.shadowRoot !== null, sibling: g.parentElement?.tagName ?? '' })),
    );
    const texts = await ghostTexts(tab);
    expect(texts.length).toBe(ghosts.length);
    for (const [i, ghost] of ghosts.entries()) {
      expect(ghost.handedToPage).toBe(false);
      expect(texts[i]!.trim().length).toBeGreaterThan(0);
      expect(['P', 'SPAN', 'A', 'CODE', 'EM', 'STRONG']).not.toContain(ghost.sibling);
    }
  });

  test('"Mark as seen" clears the changes, and a reload keeps them cleared', async () => {
    await clickInOverlay(tab, 'Mark as seen');
    await expect.poll(ghostCount).toBe(0);
    await expect.poll(() => badgeText(browser.worker, tab)).toBe('');
    expect(await visitAndSettle(browser.worker, tab, url)).toBe('');
    expect(await tab.evaluate(() => CSS.highlights.has('docdelta-added'))).toBe(false);
  });
});
