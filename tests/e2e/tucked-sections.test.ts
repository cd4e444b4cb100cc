import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickInOverlay, inLayer, overlayText, paintSettled, shownCount } from '../../harness/layer-reader';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, type Harness, type Tab } from '../../harness/harness';
import { scenario } from '../support/scenario';
import { tuckedAfter, tuckedBefore, tuckedPage, tuckedUrl } from '../support/tucked-sections';

// Changes in a collapsed <details> and in another tab are counted apart; stepping to one names
// what to open, and the page is left as served.
const path = new URL(tuckedUrl).pathname;

describe('changes in a collapsed section or another tab', () => {
  let server: FixtureServer;
  let browser: Harness;
  let tab: Tab;

  const navigator = (selector: string) => overlayText(tab.page, selector);
  /** The words highlighted as added that the reader can see now (rendered, in a laid-out box). */
  const visibleHighlights = async () => {
    await paintSettled(tab.page);
    return (await inLayer(tab.page, 'paint', () => [...document.querySelectorAll('[data-docdelta-added]')].filter((mark) => mark.querySelector('.box')).map((mark) => mark.textContent))) ?? [];
  };

  beforeAll(async () => {
    server = await new FixtureServer().start();
    browser = await launchHarness(scenario.browser, { port: server.port, hosts: ['www.django-rest-framework.org'] });
    tab = await browser.newTab();
    server.pages.set(path, tuckedPage(tuckedBefore));
    await browser.visit(tab, tuckedUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('opening the page on another tab is not a change: hidden tab panels are read too', async () => {
    server.pages.set(path, tuckedPage({ ...tuckedBefore, selectedTab: 1 }));
    expect(await browser.visit(tab, tuckedUrl)).toBe('');
    expect(await tab.evaluate(() => document.querySelector('docdelta-overlay'))).toBeNull();
  });

  test('every change is counted, the ones out of sight said apart, and only the visible one paints', async () => {
    server.pages.set(path, tuckedPage(tuckedAfter));
    expect(await browser.visit(tab, tuckedUrl)).toBe('3');
    expect(await navigator('.count')).toBe('3 changes');
    expect(await navigator('.tucked')).toBe('2 in closed sections or other tabs');
    expect(await visibleHighlights()).toEqual(['10']);
  });

  test('stepping to a change out of sight names what to open and leaves the page as served; opening it shows the change', async () => {
    const panelsHidden = () => tab.evaluate(() => [...document.querySelectorAll('[role=tabpanel]')].map((panel) => (panel as HTMLElement).hidden));
    const next = () => clickInOverlay(tab.page, 'Next change');
    await next();
    await expect.poll(() => shownCount(tab.page)).toBe('1 of 3');
    await next();
    await expect.poll(() => shownCount(tab.page)).toBe('2 of 3');
    expect(await navigator('.section')).toBe('Open “Troubleshooting a failed install” to see this change');
    expect(await tab.evaluate(() => document.querySelector('details')!.open)).toBe(false);
    await next();
    await expect.poll(() => shownCount(tab.page)).toBe('3 of 3');
    expect(await navigator('.section')).toBe('Open “conda” to see this change');
    expect(await panelsHidden()).toEqual([false, true]);
    expect(await visibleHighlights()).toEqual(['10']);
    // The reader opens them: the highlights were there all along.
    await tab.click('summary');
    await tab.click('[role=tab]:nth-child(2)');
    await expect.poll(visibleHighlights).toEqual(['10', 'corporate', 'conda-forge']);
  });

  test('with everything open, nothing is said to be out of sight', async () => {
    await browser.runCommand(tab, 'toggle-highlights');
    await browser.runCommand(tab, 'toggle-highlights');
    await expect.poll(() => navigator('.count')).toBe('3 changes');
    expect(await navigator('.tucked')).toBe('');
  });
});
