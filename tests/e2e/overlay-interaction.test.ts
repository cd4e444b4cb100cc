import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickInOverlay, currentInView, ghostCount as markCount, ghostTexts, inLayer, overlayText } from '../../harness/layer-reader';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, type Harness, type Tab } from '../../harness/harness';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import { firstHighlightBox } from '../support/page-probe';
import { scenario } from '../support/scenario';

// Reading a changed page with the overlay's own controls and the keyboard shortcuts: the
// navigator's count and steps, highlights that really paint and switch off to the page as
// served, removed text kept out of the page's reach, and Mark as seen.
const page = loadCorpus().find((p) => p.slug === 'api-guide__authentication')!;
const url = page.url.replace(/^https:/, 'http:');
const pair = pairWithChanges(page, 4);
const ROOT = '#main-content, article.md-content__inner';

describe('reading a changed page: navigator, commands, toggling', () => {
  let server: FixtureServer;
  let browser: Harness;
  let tab: Tab;

  const countText = () => overlayText(tab.page, '.count');
  const rootHtml = (of: Tab) => of.evaluate((selector) => document.querySelector(selector)!.innerHTML, ROOT);
  const ghostCount = () => markCount(tab.page);
  const differ = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0;

  beforeAll(async () => {
    server = await new FixtureServer().start();
    browser = await launchHarness(scenario.browser, { port: server.port, hosts: ['www.django-rest-framework.org'] });
    tab = await browser.newTab();
    server.pages.set(new URL(url).pathname, readHtml(pair.before));
    await browser.visit(tab, url);
    server.pages.set(new URL(url).pathname, readHtml(pair.after));
    await browser.visit(tab, url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the badge and the navigator show how many changes there are', async () => {
    expect(await browser.badge(tab)).toBe(String(pair.changes));
    expect(await countText()).toBe(`${pair.changes} changes`);
  });

  test('next-change and previous-change step through the changes and scroll each into view', async () => {
    const inView = () => currentInView(tab.page);
    await browser.runCommand(tab, 'next-change');
    await expect.poll(countText).toBe(`1 of ${pair.changes}`);
    await expect.poll(inView).toBe(true);
    const firstScroll = await tab.evaluate(() => scrollY);
    await browser.runCommand(tab, 'next-change');
    await expect.poll(countText).toBe(`2 of ${pair.changes}`);
    await expect.poll(inView).toBe(true);
    await browser.runCommand(tab, 'previous-change');
    await expect.poll(countText).toBe(`1 of ${pair.changes}`);
    await expect.poll(() => tab.evaluate(() => scrollY)).toBe(firstScroll);
    await browser.runCommand(tab, 'previous-change');
    await expect.poll(countText).toBe(`${pair.changes} of ${pair.changes}`);
    await expect.poll(inView).toBe(true);
  });

  test('the navigator buttons work with a mouse, and show the section heading', async () => {
    await clickInOverlay(tab.page, 'Next change');
    await expect.poll(countText).toBe(`1 of ${pair.changes}`);
    const section = await overlayText(tab.page, '.section');
    const headings = await tab.evaluate((selector) => [...document.querySelector(selector)!.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => h.textContent!.replace(/¶/g, '').trim()), ROOT);
    expect(headings).toContain(section);
    await clickInOverlay(tab.page, 'Previous change');
    await expect.poll(countText).toBe(`${pair.changes} of ${pair.changes}`);
  });

  test("the navigator's map has a tick per change, in page order, and a click on one goes to it", async () => {
    // Read where the reader sees them: each tick's place along the map, left (top of the page) to right.
    const ticks = () => inLayer(tab.page, 'panel', () => [...document.querySelectorAll('.map .marker')].map((tick) => ({
      label: tick.getAttribute('aria-label'),
      x: tick.getBoundingClientRect().left,
    })));
    await expect.poll(async () => (await ticks())?.length).toBe(pair.changes);
    const shown = (await ticks())!;
    expect(shown.map((tick) => tick.label)).toEqual(shown.map((_, i) => `Change ${i + 1}`));
    for (let i = 1; i < shown.length; i++) expect(shown[i]!.x).toBeGreaterThanOrEqual(shown[i - 1]!.x);
    expect(shown.at(-1)!.x, 'the ticks spread along the map').toBeGreaterThan(shown[0]!.x);

    const target = Math.min(3, pair.changes);
    await clickInOverlay(tab.page, `Change ${target}`);
    await expect.poll(countText).toBe(`${target} of ${pair.changes}`);
    await expect.poll(() => currentInView(tab.page)).toBe(true);
    await expect.poll(() => inLayer(tab.page, 'panel', () => document.querySelector('.map .marker.current')?.getAttribute('aria-label'))).toBe(`Change ${target}`);
  });

  test('highlights really paint over the page as served, and toggle-highlights takes them away', async () => {
    const reference = await browser.newTab();
    await reference.setContent(readHtml(pair.after));
    const served = await rootHtml(reference);
    await reference.close();

    await tab.bringToFront();
    const box = (await firstHighlightBox(tab.page)).viewport;
    const painted = await tab.capture(box);
    expect(await ghostCount()).toBeGreaterThan(0);
    // Drawn in DocDelta's own frames: the article is the site's, node for node, while they show.
    expect(await rootHtml(tab)).toBe(served);
    expect(await tab.evaluate(() => CSS.highlights.size)).toBe(0);

    await browser.runCommand(tab, 'toggle-highlights');
    await expect.poll(ghostCount).toBe(0);
    expect(await tab.evaluate(() => document.querySelector('docdelta-overlay'))).toBeNull();
    expect(await rootHtml(tab)).toBe(served);
    expect(differ(await tab.capture(box), painted), 'the highlight changes pixels on screen').toBe(true);

    await browser.runCommand(tab, 'toggle-highlights');
    await expect.poll(ghostCount).toBeGreaterThan(0);
    await browser.runCommand(tab, 'toggle-highlights');
    await expect.poll(ghostCount).toBe(0);
    expect(await rootHtml(tab)).toBe(served);
  });

  test("removed text is shown in DocDelta's own frame, as text, and nowhere the page can read", async () => {
    await browser.runCommand(tab, 'toggle-highlights');
    await expect.poll(ghostCount).toBeGreaterThan(0);
    const texts = await ghostTexts(tab.page);
    expect(texts.length).toBe(await ghostCount());
    for (const text of texts) expect(text.trim().length).toBeGreaterThan(0);
    const page = await tab.evaluate(() => ({
      hosts: [...document.querySelectorAll('docdelta-overlay')].map((host) => ({ handedToPage: host.shadowRoot !== null, parent: host.parentElement?.tagName ?? '', box: host.getBoundingClientRect().width * host.getBoundingClientRect().height })),
      frames: window.length,
    }));
    expect(page.hosts).toEqual([{ handedToPage: false, parent: 'BODY', box: 0 }]);
    expect(page.frames).toBe(0);
  });

  test('"Mark as seen" clears the changes, and a reload keeps them cleared', async () => {
    await clickInOverlay(tab.page, 'Mark as seen');
    await expect.poll(ghostCount).toBe(0);
    await expect.poll(() => browser.badge(tab)).toBe('');
    expect(await browser.visit(tab, url)).toBe('');
    expect(await ghostCount()).toBe(0);
  });
});
