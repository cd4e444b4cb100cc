import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lastViewAt, type ExtensionContext } from '../../harness/extension-state';
import { firefoxExtensionOrigin, GECKO_ID } from '../../harness/firefox';
import { FixtureServer } from '../../harness/fixture-server';
import { UNKNOWN_HOST, unknownSitePage, unknownSiteUrl } from '../support/unknown-site';
import { divsOnlyPage } from '../support/divs-only';
import { launchFirefoxOverMarionette, type MarionetteFirefox } from '../../harness/marionette';
import type { MarionetteTab } from '../../harness/closed-shadow';
import { probeOverlay } from '../support/page-probe';
import { until } from '../../harness/until';

// A docs site DocDelta does not know, in Firefox ESR, as track-site.test.ts in Chromium: the
// toolbar button on an untracked page, Track this site, the generic article rules, removing and
// adding the site in Options, and a permission the browser takes back. Firefox's prompt for an
// optional permission is turned off by a preference (automation cannot answer it); the request,
// its grant and its removal are real. Marionette drives it: it can press the toolbar button.
const HOST = UNKNOWN_HOST;
const url = unknownSiteUrl;
const article = unknownSitePage;

type Api = {
  tabs: { query: (filter: object) => Promise<Array<{ id?: number }>> };
  action: { getBadgeText: (details: { tabId: number }) => Promise<string> };
  permissions: { remove: (permissions: { origins: string[] }) => Promise<boolean>; contains: (permissions: { origins: string[] }) => Promise<boolean> };
  extension: { getViews: (filter: { type: string }) => Window[] };
};
declare const browser: Api;

describe('tracking a site DocDelta does not know, in Firefox', () => {
  let docs: FixtureServer;
  let firefox: MarionetteFirefox;
  let optionsTab: string;
  let readerTab: string;
  let readerTabId: number;
  let extension: ExtensionContext;
  let reader: MarionetteTab;

  /** Loads the reader's page again and reports whether DocDelta read it (waiting as long as a read takes). */
  async function readOnReload(): Promise<boolean> {
    const before = Date.now();
    await firefox.switchTo(readerTab);
    await firefox.navigate(url);
    return until(async () => (await lastViewAt(extension)) >= before, 'a read', 3000).then(() => true, () => false);
  }
  const optionsStatus = () => extension.evaluate(() => document.querySelector('[role="status"]')?.textContent ?? '');
  const hasOverlay = () => reader.evaluate(() => document.querySelector('docdelta-overlay') !== null);

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    docs.pages.set('/guide/setup/', article(['Create a project', 'Copy the key']));
    firefox = await launchFirefoxOverMarionette({ proxyPort: docs.port, prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
    optionsTab = await firefox.openTab(`${firefoxExtensionOrigin}/options.html`);
    // Without selecting its tab: the reader's tab stays in front (and an open popup stays open).
    extension = { evaluate: async (fn, arg) => (await firefox.switchTo(optionsTab, false), firefox.evaluate(fn, arg)) };
    reader = {
      evaluate: async (fn, arg) => (await firefox.switchTo(readerTab), firefox.evaluate(fn, arg)),
      callInShadowRoots: async (tag, declaration, argText) => (await firefox.switchTo(readerTab), firefox.callInShadowRoots(tag, declaration, argText)),
    };
    readerTab = await firefox.openTab(url);
    // DocDelta cannot see an untracked tab's address (no host permission): it is the newest tab.
    readerTabId = await extension.evaluate(async () => (await browser.tabs.query({ currentWindow: true })).at(-1)!.id!);
  });

  afterAll(async () => {
    await firefox?.close();
    await docs?.stop();
  });

  test('untracked at first: nothing is read or stored', async () => {
    expect(await readOnReload()).toBe(false);
    expect(await lastViewAt(extension)).toBe(0);
    expect(await hasOverlay()).toBe(false);
  });

  test('the toolbar button on the untracked page opens the popup offering "Track docs.fixture.test"', async () => {
    await firefox.switchTo(readerTab);
    await firefox.inChrome(async (id) => {
      // What a click on DocDelta's toolbar button runs (it also grants activeTab on this tab).
      const { ExtensionParent } = (globalThis as unknown as { ChromeUtils: { importESModule: (url: string) => { ExtensionParent: { apiManager: { global: { browserActionFor: (extension: unknown) => { triggerAction: (window: Window) => Promise<void> } } } } } } }).ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const extension = (globalThis as unknown as { WebExtensionPolicy: { getByID: (id: string) => { extension: unknown } } }).WebExtensionPolicy.getByID(id).extension;
      await ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
    }, GECKO_ID);
    // The real popup, read from another of DocDelta's pages (Marionette cannot enter a panel).
    const offer = () => extension.evaluate(() => browser.extension.getViews({ type: 'popup' })[0]?.document.querySelector('button.primary')?.textContent ?? '');
    await expect.poll(offer, { timeout: 15_000 }).toBe(`Track ${HOST}`);
  });

  test('"Track this site" asks for the site and starts DocDelta on the page at once', async () => {
    // The popup as a tab, so Marionette's click is the reader's (the panel is closed first).
    await firefox.inChrome(() => (document.getElementById('customizationui-widget-panel') as unknown as { hidePopup: () => void } | null)?.hidePopup());
    const popupTab = await firefox.openTab(`${firefoxExtensionOrigin}/popup.html?tab=${readerTabId}`);
    await firefox.click('button.primary');
    await until(async () => (await firefox.evaluate(() => document.querySelector('.summary')?.textContent ?? '')).startsWith('First visit'), 'the first-visit summary');
    expect(await extension.evaluate((origin) => browser.permissions.contains({ origins: [origin] }), `http://${HOST}/*`)).toBe(true);
    expect(await lastViewAt(extension)).toBeGreaterThan(0);
    await firefox.switchTo(popupTab);
    await firefox.send('WebDriver:CloseWindow');
  });

  test('the next visit shows what changed, with the generic article rules', async () => {
    docs.pages.set('/guide/setup/', article(['Create a project', 'Copy the key', 'Enable billing for the project']));
    expect(await readOnReload()).toBe(true);
    await expect.poll(() => extension.evaluate((tabId) => browser.action.getBadgeText({ tabId }), readerTabId), { timeout: 15_000 }).toBe('1');
    await expect.poll(async () => (await probeOverlay(reader)).highlighted.join(' '), { timeout: 15_000 }).toContain('Enable billing for the project');
  });

  test('Options lists the site; removing it stops tracking; added again by pattern with a selector, it is read again', async () => {
    await firefox.switchTo(optionsTab);
    await firefox.navigate(`${firefoxExtensionOrigin}/options.html`);
    await firefox.click(`//button[@aria-label="Stop tracking ${HOST}" or normalize-space()="Stop tracking ${HOST}"]`);
    await expect.poll(optionsStatus).toContain('is no longer tracked');
    expect(await readOnReload()).toBe(false);

    await firefox.switchTo(optionsTab);
    await firefox.type('//label[starts-with(normalize-space(), "Site address or pattern")]//input', `http://${HOST}/guide/*`);
    await firefox.type('//label[starts-with(normalize-space(), "Article selector")]//input', '#doc');
    await firefox.click('//button[normalize-space()="Add site"]');
    await expect.poll(optionsStatus).toBe(`${HOST} is tracked from now on.`);
    await expect.poll(() => extension.evaluate(() => document.body.textContent?.includes('article: #doc'))).toBe(true);
    expect(await readOnReload()).toBe(true);
  });

  test('a page with no article: the popup says so, and the reader\'s selector gets it read', async () => {
    docs.pages.set('/guide/setup/', divsOnlyPage(['Create a project', 'Copy the key']));
    const before = Date.now();
    expect(await readOnReload()).toBe(false);
    const popupTab = await firefox.openTab(`${firefoxExtensionOrigin}/popup.html?tab=${readerTabId}`);
    const message = () => firefox.evaluate(() => document.querySelector('main .message')?.textContent ?? '');
    await until(async () => /found no article on this page/.test(await message()), 'the no-article message');
    const field = '//label[starts-with(normalize-space(), "Where is the article?")]//input';
    // The field holds the selector that found nothing.
    expect(await firefox.evaluate(() => document.querySelector('input')?.value)).toBe('#doc');
    await firefox.clear(field);
    await firefox.type(field, '.doc-body');
    await firefox.click('//button[normalize-space()="Read the page with it"]');
    await until(async () => (await firefox.evaluate(() => document.querySelector('.summary')?.textContent ?? '')) !== '', 'the page read with the selector');
    expect(await lastViewAt(extension)).toBeGreaterThanOrEqual(before);
    await firefox.switchTo(popupTab);
    await firefox.send('WebDriver:CloseWindow');
    await firefox.switchTo(optionsTab);
    await firefox.navigate(`${firefoxExtensionOrigin}/options.html`);
    await expect.poll(() => extension.evaluate(() => document.body.textContent?.includes('article: .doc-body'))).toBe(true);
  });

  test('a permission Firefox takes back stops tracking', async () => {
    // What Firefox's add-on manager does when the reader turns the site's access off.
    expect(await extension.evaluate((origin) => browser.permissions.remove({ origins: [origin] }), `http://${HOST}/*`)).toBe(true);
    await firefox.switchTo(optionsTab);
    await firefox.navigate(`${firefoxExtensionOrigin}/options.html`);
    await expect.poll(() => extension.evaluate((name) => document.body.textContent?.includes(name), `Stop tracking ${HOST}`)).toBe(false);
    expect(await readOnReload()).toBe(false);
  });
});
