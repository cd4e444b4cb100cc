import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addedCount, ghostCount, overlayText, shownCount } from '../../harness/layer-reader';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, scenarioBrowser, type Harness, type Tab } from '../../harness/harness';
import { hugePage } from '../support/huge-page';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { ignoreSelector } from '../../lib/sites/find-site';
import { loadCorpus, readHtml } from '../support/corpus';
import { parseHtml } from '../support/parse-html';
import { probeOverlay, visibleArticleText } from '../support/page-probe';
import { referenceDiff, scoreOverlay } from '../support/word-accuracy';

const drf = builtinSites.find((site) => site.id === 'django-rest-framework')!;

/** The corpus's seven pages as they stood on `date`, as one page (about 15,000 words). */
function wholeCorpusAsOnePage(date: string): string {
  const articles = loadCorpus().map((page) => {
    const doc = parseHtml(readHtml([...page.versions].reverse().find((v) => v.date <= date) ?? page.versions[0]!));
    return drf.contentRoots.map((selector) => doc.querySelector(selector)).find(Boolean)!.innerHTML;
  });
  return `<!doctype html><html><head><title>Everything</title></head><body><div id="main-content">${articles.join('\n')}</div></body></html>`;
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
    const expected = referenceDiff(before, await visibleArticleText(tab, drf.contentRoots, ignoreSelector(drf)));
    expect(expected.added.length).toBeGreaterThan(3000);
    const scores = scoreOverlay(await probeOverlay(tab.page), expected);
    for (const score of [scores.added, scores.removed]) {
      expect(score.precision).toBeGreaterThanOrEqual(0.98);
      expect(score.recall).toBeGreaterThanOrEqual(0.98);
    }
  });
});
