import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickInOverlay, shownCount } from '../../harness/layer-reader';
import { ageViews } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, type Harness, type Tab } from '../../harness/harness';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import { probeOverlay } from '../support/page-probe';
import { scenario } from '../support/scenario';

// The "What changed" page: the pages that changed since the reader's visits, each with its
// counts, its changed text on demand, any two versions compared, and the live page opened
// against the version chosen here.
const pages = loadCorpus().filter((p) => ['api-guide__fields', 'api-guide__pagination'].includes(p.slug)).map((page) => ({ page, pair: pairWithChanges(page, 2, 15), url: page.url.replace(/^https:/, 'http:') }));
/** The changes page's row for the page at `url`. */
const rowOf = (url: string) => `.page:has(a.title[href="${url}"])`;

describe('the changes page', () => {
  let docs: FixtureServer;
  let browser: Harness;
  let tab: Tab;
  let changes: Tab;
  const badges: string[] = [];

  const rowState = (selector: string) =>
    changes.evaluate((css) => {
      const row = document.querySelector(css);
      return {
        text: row?.textContent ?? '',
        changed: row?.querySelectorAll('.line.added, .line.removed').length ?? 0,
        context: row?.querySelectorAll('.line.same').length ?? 0,
        active: row?.querySelectorAll('.diff img, .diff script, .diff a').length ?? 0,
        versions: [...(row?.querySelectorAll('select') ?? [])].map((select) => select.value),
      };
    }, selector);

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    browser = await launchHarness(scenario.browser, { port: docs.port, hosts: ['www.django-rest-framework.org'] });
    tab = await browser.newTab();
    for (const { pair, url } of pages) {
      docs.pages.set(new URL(url).pathname, readHtml(pair.before));
      await browser.visit(tab, url);
    }
    await ageViews(browser.extension, 3 * 24 * 3600e3);
    for (const { pair, url } of pages) {
      docs.pages.set(new URL(url).pathname, readHtml(pair.after));
      badges.push(await browser.visit(tab, url));
    }
    changes = await browser.openExtensionPage('changes.html');
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
  });

  test('lists both visited pages that changed, newest first, with the changes their overlays showed', async () => {
    expect(badges.every((badge) => Number(badge) > 0)).toBe(true);
    await expect.poll(() => changes.evaluate(() => document.querySelector('.site-summary')?.textContent ?? '')).toMatch(/^2 pages changed, \+\d+ −\d+ words$/);
    // Newest change first: the page visited last.
    expect(await changes.evaluate(() => [...document.querySelectorAll('.page .title')].map((link) => link.getAttribute('href')))).toEqual([pages[1]!.url, pages[0]!.url]);
    for (const [i, { url }] of pages.entries()) {
      const counts = await changes.evaluate((css) => document.querySelector(`${css} .counts`)?.textContent ?? '', rowOf(url));
      expect(counts).toMatch(new RegExp(`in ${badges[i]} places$`));
    }
  });

  test('Details shows the changed text with context, as text', async () => {
    const row = rowOf(pages[1]!.url);
    await changes.clickControl('Details', row);
    await expect.poll(async () => (await rowState(row)).changed).toBeGreaterThan(0);
    const shown = await rowState(row);
    expect(shown.context).toBeGreaterThan(0);
    expect(shown.active).toBe(0);
  });

  test('comparing the newest version with itself shows nothing; with the older one, the changes', async () => {
    const row = rowOf(pages[1]!.url);
    const [older, newest] = (await rowState(row)).versions as [string, string];
    expect(older).not.toBe(newest);
    await changes.select(`${row} select`, newest);
    await expect.poll(async () => (await rowState(row)).text).toContain('These two versions read the same.');
    await changes.select(`${row} select`, older);
    await expect.poll(async () => (await rowState(row)).changed).toBeGreaterThan(0);
  });

  test('"Open the page with these changes" opens the live page against that version, even after Mark as seen', async () => {
    const { url } = pages[0]!;
    // Marked as seen, the page would show no changes on its own: what shows comes from the choice made here.
    expect(await browser.visit(tab, url)).toBe(badges[0]);
    await clickInOverlay(tab.page, 'Mark as seen');
    expect(await browser.visit(tab, url)).toBe('');
    await changes.bringToFront();
    const live = await browser.tabOpenedBy(() => changes.clickControl('Open the page with these changes', rowOf(url)), url);
    await expect.poll(() => shownCount(live.page)).toBe(`${badges[0]} changes`);
    const seen = await probeOverlay(live.page);
    expect(seen.highlighted.length + seen.ghostRemoved.length).toBeGreaterThan(0);
    await live.close();
  });
});
