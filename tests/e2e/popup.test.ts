import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addedCount, ghostCount, shownCount } from '../../harness/layer-reader';
import { ageViews, lastViewAt } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, sleep, type Harness, type Tab } from '../../harness/harness';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import { probeOverlay } from '../support/page-probe';
import { scenario } from '../support/scenario';

// The toolbar popup: the real one a toolbar click opens, the Highlights switch (remembered for
// the site), the popup from the keyboard alone, an older version chosen in the timeline, Go to
// first change and Mark as seen, and a site DocDelta does not track.
const page = loadCorpus().find((p) => p.slug === 'api-guide__permissions')!;
const url = page.url.replace(/^https:/, 'http:');
// Three visits to three versions: the popup's timeline has an older one to choose.
const pair = pairWithChanges(page, 3, 10);
const older = page.versions[page.versions.indexOf(pair.before) - 5]!;

describe('the toolbar popup', () => {
  let server: FixtureServer;
  let browser: Harness;
  let tab: Tab;

  const ghosts = () => ghostCount(tab.page);
  const highlighted = () => addedCount(tab.page);
  const text = (popup: Tab, selector: string) => popup.evaluate((css) => document.querySelector(css)?.textContent ?? '', selector);
  const attribute = (popup: Tab, selector: string, name: string) => popup.evaluate(({ css, attr }) => document.querySelector(css)?.getAttribute(attr) ?? null, { css: selector, attr: name });
  const switchState = (popup: Tab) => attribute(popup, '[role="switch"]', 'aria-checked');
  const openPopup = async () => {
    const popup = await browser.openPopup(tab);
    await popup.waitFor('[role="switch"]');
    return popup;
  };

  beforeAll(async () => {
    server = await new FixtureServer().start();
    server.pages.set('/untracked/', '<html><body><main><p>Not a docs site DocDelta knows.</p></main></body></html>');
    browser = await launchHarness(scenario.browser, { port: server.port, hosts: ['www.django-rest-framework.org', 'example.org'] });
    tab = await browser.newTab();
    for (const version of [older, pair.before]) {
      server.pages.set(new URL(url).pathname, readHtml(version));
      await browser.visit(tab, url);
      // Each visit a day apart, so each is its own visit.
      await ageViews(browser.extension, 24 * 3600e3);
    }
    server.pages.set(new URL(url).pathname, readHtml(pair.after));
    const badge = await browser.visit(tab, url);
    if (badge !== String(pair.changes)) throw new Error(`expected ${pair.changes} changes, the badge says "${badge}"`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a toolbar click opens the real popup, which sums up the changes', async () => {
    const popup = await browser.clickToolbarButton(tab);
    try {
      await expect.poll(() => popup.text('.summary')).toMatch(new RegExp(`^\\+\\d+ −\\d+ words in ${pair.changes} places since your last visit`));
      expect(await popup.attribute('[role="switch"]', 'aria-checked')).toBe('true');
    } finally {
      await popup.close();
    }
  });

  test('the Highlights switch turns the overlay off and on, and the site remembers it', async () => {
    const popup = await openPopup();
    await popup.clickControl('Highlights');
    await expect.poll(ghosts).toBe(0);
    await expect.poll(highlighted).toBe(0);
    await expect.poll(() => switchState(popup)).toBe('false');
    // Remembered for the site: a reload keeps the overlay off (the badge still counts).
    const reloaded = Date.now();
    await tab.bringToFront();
    await tab.reload();
    await expect.poll(() => lastViewAt(browser.extension)).toBeGreaterThanOrEqual(reloaded);
    await expect.poll(() => browser.badge(tab)).toBe(String(pair.changes));
    await sleep(500);
    expect(await ghosts()).toBe(0);
    expect(await highlighted()).toBe(0);
    await popup.close();
    const again = await openPopup();
    expect(await switchState(again)).toBe('false');
    await again.clickControl('Highlights');
    await expect.poll(ghosts).toBeGreaterThan(0);
    await expect.poll(highlighted).toBeGreaterThan(0);
    await again.close();
  });

  test('the popup works from the keyboard alone, with a visible focus ring', async () => {
    const popup = await openPopup();
    const focusedRole = () => popup.evaluate(() => document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName ?? '');
    for (let i = 0; i < 10 && (await focusedRole()) !== 'switch'; i++) await popup.press('Tab');
    expect(await focusedRole()).toBe('switch');
    expect(await popup.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    expect(await switchState(popup)).toBe('true');
    await popup.press('Space');
    await expect.poll(ghosts).toBe(0);
    expect(await switchState(popup)).toBe('false');
    await popup.press('Enter');
    await expect.poll(() => switchState(popup)).toBe('true');
    await expect.poll(ghosts).toBeGreaterThan(0);
    // Tab on reaches the timeline's versions.
    const inTimeline = () => popup.evaluate(() => !!document.activeElement?.closest('.timeline li'));
    for (let i = 0; i < 10 && !(await inTimeline()); i++) await popup.press('Tab');
    expect(await inTimeline()).toBe(true);
    await popup.close();
  });

  test('choosing an older version in the timeline redraws the page against it', async () => {
    const popup = await openPopup();
    const rows = () => popup.evaluate(() => [...document.querySelectorAll('.timeline li button')].map((row) => ({ text: row.textContent ?? '', pressed: row.getAttribute('aria-pressed') })));
    await expect.poll(async () => (await rows()).length).toBe(3);
    expect((await rows())[0]!.text).toContain('on screen now');
    expect((await rows())[1]!.pressed).toBe('true');
    const before = await probeOverlay(tab.page);
    await popup.click('.timeline li:nth-child(3) button');
    await expect.poll(async () => (await rows())[2]!.pressed).toBe('true');
    // The new overlay's frames come a slice after the choice is answered: wait for them.
    const shown = async () => {
      const after = await probeOverlay(tab.page);
      return after.highlighted.length + after.ghostRemoved.length;
    };
    await expect.poll(shown).toBeGreaterThan(before.highlighted.length + before.ghostRemoved.length);
    await expect.poll(() => browser.badge(tab)).not.toBe(String(pair.changes));
    await popup.close();
  });

  test('Go to first change scrolls to it; Mark as seen clears the page', async () => {
    const popup = await openPopup();
    await tab.evaluate(() => scrollTo(0, 0));
    await popup.clickControl('Go to first change');
    await expect.poll(() => shownCount(tab.page)).toMatch(/^1 of /);
    expect(await tab.evaluate(() => scrollY)).toBeGreaterThan(0);
    await popup.clickControl('Mark as seen');
    await expect.poll(ghosts).toBe(0);
    await expect.poll(() => browser.badge(tab)).toBe('');
    await expect.poll(() => text(popup, '.summary')).toBe('No changes since your last visit.');
    await popup.close();
  });

  test('on a site DocDelta does not track, the popup says so', async () => {
    const other = await browser.newTab();
    await other.goto('http://example.org/untracked/');
    const popup = await browser.openPopup(other);
    await expect.poll(() => text(popup, 'main')).toContain('does not track this page\'s site');
    await popup.close();
    await other.close();
  });
});
