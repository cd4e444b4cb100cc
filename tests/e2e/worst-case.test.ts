import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addedCount, ghostCount, overlayText, shownCount } from '../../harness/layer-reader';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, scenarioBrowser, type Harness, type Tab } from '../../harness/harness';
import { hugePage } from '../support/huge-page';

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
});
