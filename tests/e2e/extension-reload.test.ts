import { afterAll, beforeAll, describe, expect } from 'vitest';
import { addedCount, ghostCount, overlayText } from '../../harness/layer-reader';
import { ageViews } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, sleep, type Harness, type Tab } from '../../harness/harness';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import { scenario, testWhere, testWhereNot } from '../support/scenario';

// DocDelta reloaded (updated) or switched off under an open page with changes shown. Chromium
// leaves the old content script in the page, cut off; Firefox cuts it off too and runs the new
// copy there. Either way the reader sees DocDelta's marks once or not at all, never broken ones,
// and the page is not harmed.
const page = loadCorpus().find((p) => p.slug === 'tutorial__1-serialization')!;
const pair = pairWithChanges(page, 3);
const url = page.url.replace(/^https:/, 'http:');
const ROOT = '#main-content, article.md-content__inner';

describe('the extension reloaded or switched off under an open page', () => {
  let docs: FixtureServer;
  let browser: Harness;
  let tab: Tab;
  /** What of DocDelta the reader can see on the page: removed marks, added text, the navigator, and the article's text. */
  let shownBefore: Awaited<ReturnType<typeof visibleMarks>>;

  const visibleMarks = async () => {
    const page = await tab.evaluate((article) => ({
      navigators: [...document.querySelectorAll('docdelta-overlay')].filter((element) => getComputedStyle(element).display !== 'none').length,
      articleText: (document.querySelector(article) as HTMLElement).innerText,
    }), ROOT);
    // DocDelta's frames show only while their host does.
    const shown = page.navigators > 0;
    return {
      ...page,
      ghosts: shown ? await ghostCount(tab.page) : 0,
      added: shown ? await addedCount(tab.page) : 0,
      count: shown ? await overlayText(tab.page, '.count') : '',
    };
  };
  /** The article as the site served it: the same HTML parsed in a tab of a host DocDelta does not track. */
  const servedArticle = async () => {
    const fresh = await browser.newTab();
    await fresh.setContent(readHtml(pair.after));
    const html = await fresh.evaluate((selector) => document.querySelector(selector)!.innerHTML, ROOT);
    await fresh.close();
    return html;
  };

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    browser = await launchHarness(scenario.browser, { port: docs.port, hosts: ['www.django-rest-framework.org'] });
    tab = await browser.newTab();
    docs.pages.set(new URL(url).pathname, readHtml(pair.before));
    await browser.visit(tab, url);
    await ageViews(browser.extension, 2 * 24 * 3600e3);
    docs.pages.set(new URL(url).pathname, readHtml(pair.after));
    await browser.visit(tab, url);
    shownBefore = await visibleMarks();
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
  });

  testWhereNot('rerunsContentScripts', 'reloaded: the old content script takes its marks away and stops, without errors; the article is as served', async () => {
    expect(shownBefore.ghosts).toBeGreaterThan(0);
    // The fixture page's own loading errors (its scripts and fonts are not served) are not DocDelta's.
    const errorsBefore = tab.errors().length;
    await browser.reloadExtension();
    await expect.poll(() => tab.evaluate(() => document.querySelectorAll('docdelta-overlay').length)).toBe(0);
    expect(await tab.evaluate(() => CSS.highlights.size)).toBe(0);
    expect(await tab.evaluate((selector) => document.querySelector(selector)!.innerHTML, ROOT)).toBe(await servedArticle());
    // Scrolling still works on the page, and nothing DocDelta did threw.
    await tab.evaluate(() => scrollBy(0, 400));
    await sleep(300);
    expect(tab.errors().slice(errorsBefore)).toEqual([]);
  });

  testWhere('rerunsContentScripts', 'reloaded: the marks show once, not twice, and the navigator still steps through them', async () => {
    expect(shownBefore.ghosts).toBeGreaterThan(0);
    const errorsBefore = tab.errors().length;
    await browser.reloadExtension();
    // The new copy of the content script reads the page again and draws its own marks.
    await expect.poll(async () => (await visibleMarks()).count).toBe(`${pair.changes} changes`);
    const after = await visibleMarks();
    expect({ ghosts: after.ghosts, added: after.added, navigators: after.navigators }).toEqual({ ghosts: shownBefore.ghosts, added: shownBefore.added, navigators: 1 });
    expect(await tab.evaluate(() => document.querySelectorAll('docdelta-overlay').length)).toBe(1);
    await browser.runCommand(tab, 'next-change');
    await expect.poll(async () => (await visibleMarks()).count).toBe(`1 of ${pair.changes}`);
    expect(tab.errors().slice(errorsBefore)).toEqual([]);
  });

  testWhere('switchOff', 'switched off: nothing of DocDelta shows, and the article reads as the site served it', async () => {
    await browser.switchOff();
    await expect.poll(visibleMarks).toMatchObject({ ghosts: 0, added: 0, navigators: 0 });
    const shown = (await visibleMarks()).articleText;
    // The same page loaded afresh, DocDelta off: what the site served.
    await tab.goto(url);
    expect(shown).toBe((await visibleMarks()).articleText);
  });
});
