import type { ElementHandle, KeyInput, Page } from 'puppeteer-core';
import { shownCount } from './layer-reader';
import { lastAnswerAt, type ExtensionContext } from './extension-state';
import { evaluatorOf, firefoxExtensionOrigin, launchFirefox, waitForElement } from './firefox';
import { retry } from './controls';
import { startConnectProxy } from './connect-proxy';
import { badgeOf, control } from './firefox-reader';
import { closeToolbarPopup, manageAddon, pressShortcutKey, stopBackground, triggerToolbarButton } from './marionette';
import { capabilitiesOf, settleVisit, type Harness, type HarnessOptions, type Tab } from './harness';

declare const chrome: {
  runtime: { sendMessage: (message: unknown) => Promise<unknown> };
  tabs: { query: (filter: { active: boolean; currentWindow: boolean }) => Promise<Array<{ id?: number }>> };
  extension: { getViews: (filter: { type: 'popup' }) => Window[] };
  permissions: { remove: (permissions: { origins: string[] }) => Promise<boolean> };
};

/**
 * Firefox ESR through puppeteer-core over WebDriver BiDi, with Marionette on the same session
 * for the browser window (harness/firefox.ts). Its event page is out of a test's reach, so
 * DocDelta's own origin is an Options tab opened at launch; every plain-http request goes
 * through the fixture server as a proxy, so `hosts` need no mapping.
 */
export async function launchFirefoxHarness(options: HarnessOptions): Promise<Harness> {
  const httpsProxy = options.tls ? await startConnectProxy(options.tls) : null;
  const firefox = await launchFirefox({ proxyPort: options.port, headless: options.headless, downloads: options.downloads, grantOptionalPermissions: options.grantSites, httpsProxyPort: httpsProxy?.port }).catch(async (error: unknown) => {
    await httpsProxy?.close();
    throw error;
  });
  // A reload closes DocDelta's pages: the context page is then opened again (reloadExtension).
  let contextPage = await firefox.openExtensionPage('options.html');
  const extension: ExtensionContext = { evaluate: (fn, arg) => evaluatorOf(contextPage).evaluate(fn, arg) };
  const tabOf = (page: Page): Tab => {
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(`uncaught: ${(error as Error).message}`));
    return {
      page,
      url: () => page.url(),
      goto: async (url) => void (await page.goto(url)),
      setContent: (html) => page.setContent(html, { waitUntil: 'domcontentloaded' }),
      bringToFront: () => page.bringToFront(),
      click: (selector) => page.click(selector),
      clickControl: async (name, within) => void (await (await control(page, name, within)).click()),
      fill: async (selector, text) => replaceText(await waitForElement(page, selector, 20_000), text),
      fillControl: async (name, text) => replaceText(await control(page, name), text),
      upload: async (selector, file) => {
        const picker = (await waitForElement(page, selector, 20_000)) as ElementHandle<HTMLInputElement>;
        await picker.uploadFile(file);
      },
      select: async (selector, value) => void (await (await waitForElement(page, selector, 20_000)).select(value)),
      waitFor: async (selector) => void (await waitForElement(page, selector, 20_000)),
      // Over BiDi a history navigation may not report its end: start it, as the reader's button does.
      goBack: () => page.evaluate(() => history.back()),
      reload: async () => void (await page.reload()),
      // puppeteer names the space bar by its character.
      press: (key) => page.keyboard.press((key === 'Space' ? ' ' : key) as KeyInput),
      // puppeteer's clip in Firefox is in document coordinates: the box where it is scrolled to now.
      capture: async (box) => {
        const scroll = await page.evaluate(() => ({ x: scrollX, y: scrollY }));
        return page.screenshot({ clip: { ...box, x: box.x + scroll.x, y: box.y + scroll.y } });
      },
      errors: () => [...errors],
      ...evaluatorOf(page),
      // Firefox 140's BiDi refuses puppeteer's viewport change (a screen orientation command): a size is a clip.
      screenshot: async (file, size) => void (await page.screenshot({ path: file as `${string}.png`, ...(size ? { clip: { x: 0, y: 0, ...size } } : {}) })),
      close: () => page.close(),
    };
  };
  const harness: Harness = {
    browser: 'firefox',
    can: capabilitiesOf('firefox'),
    extensionOrigin: firefoxExtensionOrigin,
    extension,
    newTab: async () => tabOf(await firefox.browser.newPage()),
    visit: async (tab, url) => {
      const since = Date.now();
      // The reader looks at the page they open (DocDelta reads a page only while it is shown).
      await tab.bringToFront();
      await tab.goto(url);
      return settleVisit({ answeredAt: () => lastAnswerAt(extension), state: async () => ({ badge: await badgeOf(extension, await tab.evaluate(() => location.href)), shown: await shownCount(tab.page) }) }, since, url);
    },
    // DocDelta sees no address on a site it has no permission for: the tab in front is the reader's.
    tabId: async (tab) => {
      await tab.bringToFront();
      const id = await extension.evaluate(async () => (await chrome.tabs.query({ active: true, currentWindow: true }))[0]?.id);
      if (id === undefined) throw new Error(`no tab is in front for ${tab.url()}`);
      return id;
    },
    // The address the page is at now (after client-side navigation too), as the page itself says.
    badge: async (tab) => badgeOf(extension, await tab.evaluate(() => location.href)),
    runCommand: async (tab, command) => {
      // The key goes to the tab in front, as the reader's does.
      await tab.bringToFront();
      await pressShortcutKey(firefox.chrome, command);
    },
    message: (message) => extension.evaluate((m) => chrome.runtime.sendMessage(m), message),
    openExtensionPage: async (path) => tabOf(await firefox.openExtensionPage(path)),
    stopBackground: () => stopBackground(firefox.chrome),
    reloadExtension: async () => {
      await manageAddon(firefox.chrome, 'reload');
      contextPage = await firefox.openExtensionPage('options.html');
    },
    switchOff: () => manageAddon(firefox.chrome, 'disable'),
    tabOpenedBy: async (action, url) => {
      const known = new Set(await firefox.browser.pages());
      await action();
      // The reader's own tab may show the same address: the new tab is one that was not there.
      return tabOf(await retry(async () => (await firefox.browser.pages()).find((page) => !known.has(page) && page.url() === url), `a new tab showing ${url}`));
    },
    // What Firefox's add-on manager does when the reader turns a site's access off.
    revokeSite: async (origin) => {
      const removed = await extension.evaluate((pattern) => chrome.permissions.remove({ origins: [pattern] }), origin);
      if (!removed) throw new Error(`Firefox did not take back ${origin}`);
    },
    clickToolbarButton: async (tab) => {
      await tab.bringToFront();
      await triggerToolbarButton(firefox.chrome);
      // The popup is in a panel of the browser window: read from another of DocDelta's pages
      // (each read is its own function: extension pages may not compile one sent as text).
      return {
        text: (selector) => extension.evaluate((css) => chrome.extension.getViews({ type: 'popup' })[0]?.document.querySelector(css)?.textContent ?? '', selector),
        attribute: (selector, name) =>
          extension.evaluate(({ css, attribute }) => chrome.extension.getViews({ type: 'popup' })[0]?.document.querySelector(css)?.getAttribute(attribute) ?? null, { css: selector, attribute: name }),
        close: () => closeToolbarPopup(firefox.chrome),
      };
    },
    openPopup: async (tab) => tabOf(await firefox.openExtensionPage(`popup.html?tab=${await harness.tabId(tab)}`)),
    onClosed: (callback) => firefox.onExit(callback),
    close: async () => {
      await firefox.close();
      await httpsProxy?.close();
    },
  };
  return harness;
}

/**
 * Replaces a field's text as a paste does: select all of it, then insert the new text (or
 * delete), with the browser's own input events. Firefox's BiDi key actions wait for a frame
 * per key, which on a busy machine took seconds per field.
 */
async function replaceText(field: ElementHandle, text: string): Promise<void> {
  await field.evaluate((element, value) => {
    const input = element as HTMLInputElement;
    input.focus();
    input.select();
    document.execCommand(value ? 'insertText' : 'delete', false, value);
  }, text);
}
