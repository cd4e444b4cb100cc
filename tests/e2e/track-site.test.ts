import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lastViewAt } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, type Harness, type Tab } from '../../harness/harness';
import { until } from '../../harness/until';
import { divsOnlyPage } from '../support/divs-only';
import { popupMissesPromptAnswer } from '../support/prompt-closes-popup';
import { probeOverlay } from '../support/page-probe';
import { scenario } from '../support/scenario';
import { UNKNOWN_HOST, unknownSitePage, unknownSiteUrl } from '../support/unknown-site';

// A docs site DocDelta does not know: the toolbar button on an untracked page, Track this site,
// the generic article rules, removing and adding the site in Options, a page with no article
// and the reader's selector for it, and site access the browser takes back. The browser's
// permission prompt, which automation cannot answer, is answered yes (HarnessOptions.grantSites);
// the request and the rest of the flow are real.
const HOST = UNKNOWN_HOST;
const url = unknownSiteUrl;
const path = new URL(url).pathname;
const ARTICLE_FIELD = /^Where is the article\?/;

declare const chrome: { permissions: { contains: (permissions: { origins: string[] }) => Promise<boolean> } };

describe('tracking a site DocDelta does not know', () => {
  let docs: FixtureServer;
  let browser: Harness;
  let tab: Tab;

  /** Loads the reader's page again and says whether DocDelta read it (waiting as long as a read takes). */
  async function readOnReload(): Promise<boolean> {
    const before = Date.now();
    await tab.bringToFront();
    await tab.goto(url);
    return until(async () => (await lastViewAt(browser.extension)) >= before, 'a read', 3000).then(() => true, () => false);
  }
  const hasOverlay = () => tab.evaluate(() => document.querySelector('docdelta-overlay') !== null);
  const text = (of: Tab, selector: string) => of.evaluate((css) => document.querySelector(css)?.textContent ?? '', selector);
  const listed = (options: Tab, words: string) => options.evaluate((wanted) => document.body.textContent?.includes(wanted) ?? false, words);
  const granted = () => browser.extension.evaluate((origin) => chrome.permissions.contains({ origins: [origin] }), `http://${HOST}/*`);
  const highlighted = async () => (await probeOverlay(tab.page)).highlighted.join(' ');

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    docs.pages.set(path, unknownSitePage(['Create a project', 'Copy the key']));
    browser = await launchHarness(scenario.browser, { port: docs.port, hosts: [HOST], grantSites: true });
    tab = await browser.newTab();
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
  });

  test('untracked at first: nothing is read or stored', async () => {
    expect(await readOnReload()).toBe(false);
    expect(await lastViewAt(browser.extension)).toBe(0);
    expect(await hasOverlay()).toBe(false);
  });

  test(`the toolbar button on the untracked page opens the popup offering "Track ${HOST}"`, async () => {
    const popup = await browser.clickToolbarButton(tab);
    try {
      await expect.poll(() => popup.text('button.primary')).toBe(`Track ${HOST}`);
    } finally {
      await popup.close();
    }
  });

  test('"Track this site" asks for the site and starts DocDelta on the page at once', async () => {
    const popup = await browser.openPopup(tab);
    await popup.clickControl(`Track ${HOST}`);
    await expect.poll(() => text(popup, '.summary')).toMatch(/^First visit/);
    expect(await granted()).toBe(true);
    expect(await lastViewAt(browser.extension)).toBeGreaterThan(0);
    await popup.close();
  });

  test('the next visit shows what changed, with the generic article rules', async () => {
    docs.pages.set(path, unknownSitePage(['Create a project', 'Copy the key', 'Enable billing for the project']));
    expect(await browser.visit(tab, url)).toBe('1');
    expect(await highlighted()).toContain('Enable billing for the project');
  });

  test('Options lists the site; removing it stops tracking; added again by pattern with a selector, it is read again', async () => {
    const options = await browser.openExtensionPage('options.html');
    await options.clickControl(`Stop tracking ${HOST}`);
    await expect.poll(() => text(options, '[role="status"]')).toContain('is no longer tracked');
    expect(await readOnReload()).toBe(false);
    expect(await hasOverlay()).toBe(false);

    await options.fillControl(/^Site address or pattern/, `http://${HOST}/guide/*`);
    await options.fillControl(/^Article selector/, '#doc');
    await options.clickControl('Add site');
    await expect.poll(() => text(options, '[role="status"]')).toBe(`${HOST} is tracked from now on.`);
    await expect.poll(() => listed(options, 'article: #doc')).toBe(true);
    expect(await readOnReload()).toBe(true);
    await options.close();
  });

  describe('a page with nothing like an article', () => {
    let readBefore: number;

    beforeAll(async () => {
      docs.pages.set(path, divsOnlyPage(['Create a project', 'Copy the key']));
      readBefore = await lastViewAt(browser.extension);
    });

    test('the popup says so and shows the selector that found nothing; nothing is stored', async () => {
      expect(await readOnReload()).toBe(false);
      const popup = await browser.openPopup(tab);
      await expect.poll(() => text(popup, 'main .message')).toMatch(/found no article on this page/);
      expect(await popup.evaluate(() => document.querySelector('input')?.value)).toBe('#doc');
      expect(await lastViewAt(browser.extension)).toBe(readBefore);
      await popup.close();
    });

    test('a selector that is not CSS is refused in plain words and nothing changes', async () => {
      const popup = await browser.openPopup(tab);
      await popup.fillControl(ARTICLE_FIELD, 'div[[');
      await popup.clickControl('Read the page with it');
      await expect.poll(() => text(popup, '[role="alert"]')).toContain('"div[[" is not a CSS selector');
      expect(await lastViewAt(browser.extension)).toBe(readBefore);
      await popup.close();
    });

    test('with the reader\'s selector the page is read at once, and its next change shows', async () => {
      const popup = await browser.openPopup(tab);
      await popup.fillControl(ARTICLE_FIELD, '.doc-body');
      await popup.clickControl('Read the page with it');
      // Read and summed up against the page as stored with the old selector.
      await expect.poll(() => text(popup, '.summary')).toMatch(/since your last visit/);
      expect(await lastViewAt(browser.extension)).toBeGreaterThan(readBefore);
      await popup.close();

      docs.pages.set(path, divsOnlyPage(['Create a project', 'Copy the key', 'Enable billing for the project']));
      expect(await browser.visit(tab, url)).toBe('1');
      expect(await highlighted()).toBe('Enable billing for the project');
      const options = await browser.openExtensionPage('options.html');
      await expect.poll(() => listed(options, 'article: .doc-body')).toBe(true);
      await options.close();
    });
  });

  test('"Track this site" from a popup the prompt closes (as Firefox\'s can): tracked all the same', async () => {
    docs.pages.set(path, unknownSitePage(['Create a project', 'Copy the key']));
    const options = await browser.openExtensionPage('options.html');
    await options.clickControl(`Stop tracking ${HOST}`);
    await expect.poll(() => text(options, '[role="status"]')).toContain('is no longer tracked');
    await options.close();
    expect(await readOnReload()).toBe(false);
    const before = await lastViewAt(browser.extension);
    // The toolbar button shows the popup the page's address (the browser's activeTab grant).
    const offered = await browser.clickToolbarButton(tab);
    await expect.poll(() => offered.text('button.primary')).toBe(`Track ${HOST}`);
    await offered.close();
    const popup = await browser.openPopup(tab);
    await expect.poll(() => text(popup, 'button.primary')).toBe(`Track ${HOST}`);
    await popupMissesPromptAnswer(popup);
    await popup.clickControl(`Track ${HOST}`);
    await popup.close();
    // The page is read where it is, with no popup left to ask for it.
    await until(async () => (await lastViewAt(browser.extension)) > before, 'the page to be read');
    expect(await granted()).toBe(true);
    expect(await readOnReload()).toBe(true);
  });

  test('site access the browser takes back stops tracking', async () => {
    await browser.revokeSite(`http://${HOST}/*`);
    const options = await browser.openExtensionPage('options.html');
    await expect.poll(() => listed(options, `Stop tracking ${HOST}`)).toBe(false);
    await options.close();
    expect(await readOnReload()).toBe(false);
  });
});
