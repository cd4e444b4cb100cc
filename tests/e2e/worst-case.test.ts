import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addedCount, clickInOverlay, ghostCount, inLayer, overlayText, shownCount } from '../../harness/layer-reader';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, scenarioBrowser, type Harness, type Tab } from '../../harness/harness';
import { hugePage } from '../support/huge-page';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { ignoreSelector } from '../../lib/sites/find-site';
import { loadCorpus, readHtml } from '../support/corpus';
import { parseHtml } from '../support/parse-html';
import { probeOverlay, visibleArticleText } from '../support/page-probe';
import { scoreOverlay } from '../support/word-accuracy';
import { referenceFromRendered } from '../support/moved-reference';

const drf = builtinSites.find((site) => site.id === 'django-rest-framework')!;

/** The corpus's seven pages as they stood on `date`, as one page (about 15,000 words). */
function wholeCorpusAsOnePage(date: string): string {
  const articles = loadCorpus().map((page) => {
    const doc = parseHtml(readHtml([...page.versions].reverse().find((v) => v.date <= date) ?? page.versions[0]!));
    return drf.contentRoots.map((selector) => doc.querySelector(selector)).find(Boolean)!.innerHTML;
  });
  return `<!doctype html><html><head><title>Everything</title></head><body><div id="main-content">${articles.join('\n')}</div></body></html>`;
}

/** The same page with a short new paragraph after every paragraph of the article: each a change of its own. */
function noteAfterEveryParagraph(html: string): string {
  const doc = parseHtml(html);
  [...doc.querySelectorAll('#main-content p')].forEach((paragraph, i) => {
    const note = doc.createElement('p');
    note.textContent = `Note ${i + 1}: see the release notes.`;
    paragraph.after(note);
  });
  return `<!doctype html>${doc.documentElement.outerHTML}`;
}

const url = 'http://www.django-rest-framework.org/api-guide/huge/';

describe('a page rewritten from top to bottom', () => {
  let docs: FixtureServer;
  let browser: Harness;
  let tab: Tab;

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    browser = await launchHarness(scenarioBrowser(), { port: docs.port, hosts: ['www.django-rest-framework.org'] });
    tab = await browser.newTab();
    docs.pages.set(new URL(url).pathname, hugePage('old'));
    await browser.visit(tab, url);
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
  });

  test('two completely different 1 MB versions: a summary, not thousands of marks', async () => {
    docs.pages.set(new URL(url).pathname, hugePage('new'));
    expect(await browser.visit(tab, url)).not.toBe('');
    expect(await shownCount(tab.page)).toBe('Too many changes to show inline');
    expect(await ghostCount(tab.page)).toBe(0);
    expect(await addedCount(tab.page)).toBe(0);
    expect(await overlayText(tab.page, '.section')).toMatch(/^\+\d+ −\d+ words since your visit of/);
    // The page still answers: it scrolls, and a script of its own runs at once.
    expect(await tab.evaluate(() => { window.scrollTo(0, 5000); return window.scrollY > 0; })).toBe(true);
    // How long DocDelta's tasks take on it is measured by `npm run bench`, not here.
  });

  test('a large rewrite with anything kept between its edits is drawn change by change, as a word diff finds it', async () => {
    const everything = 'http://www.django-rest-framework.org/api-guide/everything/';
    const path = new URL(everything).pathname;
    docs.pages.set(path, wholeCorpusAsOnePage('2016-01-01'));
    await browser.visit(tab, everything);
    const before = await visibleArticleText(tab, drf.contentRoots, ignoreSelector(drf));
    docs.pages.set(path, wholeCorpusAsOnePage('2019-01-01'));
    expect(await browser.visit(tab, everything)).toMatch(/^\d+$/);
    expect(await shownCount(tab.page)).toMatch(/^\d+ changes$/);
    // Sections that moved in those years are shown as moved, so the reference knows moves too.
    const expected = referenceFromRendered(before, await visibleArticleText(tab, drf.contentRoots, ignoreSelector(drf)));
    expect(expected.added.length).toBeGreaterThan(3000);
    const scores = scoreOverlay(await probeOverlay(tab.page), expected);
    for (const score of [scores.added, scores.removed]) {
      expect(score.precision).toBeGreaterThanOrEqual(0.98);
      expect(score.recall).toBeGreaterThanOrEqual(0.98);
    }
  });

  test('more than a thousand changes are drawn change by change, not summed up', async () => {
    const many = 'http://www.django-rest-framework.org/api-guide/many/';
    const path = new URL(many).pathname;
    // The corpus as it stood in four years, one after the other: about 60,000 words.
    const articleOf = (date: string) => wholeCorpusAsOnePage(date).split('<div id="main-content">')[1]!.split('</div></body>')[0]!;
    const original = `<!doctype html><html><head><title>Many</title></head><body><div id="main-content">${['2016-01-01', '2018-01-01', '2020-01-01', '2025-01-01'].map(articleOf).join('\n')}</div></body></html>`;
    docs.pages.set(path, original);
    await browser.visit(tab, many);
    const before = await visibleArticleText(tab, drf.contentRoots, ignoreSelector(drf));
    docs.pages.set(path, noteAfterEveryParagraph(original));
    // The badge has room for three digits.
    expect(await browser.visit(tab, many)).toBe('999+');
    const shown = await shownCount(tab.page);
    expect(shown).toMatch(/^\d+ changes$/);
    expect(Number.parseInt(shown, 10)).toBeGreaterThan(1000);
    const expected = referenceFromRendered(before, await visibleArticleText(tab, drf.contentRoots, ignoreSelector(drf)));
    const scores = scoreOverlay(await probeOverlay(tab.page), expected);
    expect(scores.added.precision).toBeGreaterThanOrEqual(0.98);
    expect(scores.added.recall).toBeGreaterThanOrEqual(0.98);
    // The map has a tick for each stretch of the page, not one per change; a tick goes to its first change.
    const ticks = (await inLayer(tab.page, 'panel', () => [...document.querySelectorAll('.map .marker')].map((tick) => tick.getAttribute('aria-label') ?? ''))) ?? [];
    expect(ticks.length).toBeGreaterThan(10);
    expect(ticks.length).toBeLessThanOrEqual(100);
    const stretch = ticks.find((label) => /^Changes \d+ to \d+$/.test(label) && !label.startsWith('Changes 1 '))!;
    await clickInOverlay(tab.page, stretch);
    const first = /^Changes (\d+)/.exec(stretch)![1];
    await expect.poll(() => shownCount(tab.page), { timeout: 20_000 }).toBe(`${first} of ${Number.parseInt(shown, 10)}`);
  });
});
