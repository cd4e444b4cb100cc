import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { chromeBuild, chromeE2eBuild, launchChromium } from './chromium';
import { shownCount } from './layer-reader';
import { findControl, namePattern, retry } from './controls';
import { badgeText, clickToolbarButton, lastAnswerAt, runCommand, tabIdOf, type ExtensionContext } from './extension-state';
import { capabilitiesOf, settleVisit, type Harness, type HarnessOptions, type Tab } from './harness';
import { wakingWhileLate } from './until';

declare const chrome: { runtime: { sendMessage: (message: unknown) => Promise<unknown> } };

/** Chromium through playwright-core: the service worker is DocDelta's own origin. */
export async function launchChromiumHarness(options: HarnessOptions): Promise<Harness> {
  const browser = await launchChromium({
    port: options.port,
    hosts: options.hosts,
    tls: options.tls,
    headless: options.headless,
    netLog: options.netLog,
    extension: options.grantSites ? chromeE2eBuild : chromeBuild,
    // A second CDP client (puppeteer) is what sees the toolbar popup (clickToolbarButton).
    remoteDebugging: true,
  });
  if (options.downloads) saveDownloadsIn(browser.context, options.downloads);
  const origin = `chrome-extension://${browser.extensionId}`;
  // The browser stops and restarts the service worker as it likes (and stopBackground does):
  // DocDelta's origin is whichever worker runs now, woken by a message when none does.
  const liveWorker = async (): Promise<Worker> => {
    const running = browser.context.serviceWorkers().filter((worker) => worker.url().startsWith(origin)).at(-1);
    if (running) return running;
    const started = browser.context.waitForEvent('serviceworker', { timeout: 20_000 });
    wakeWorker();
    return started;
  };
  /** Any message from DocDelta's own page starts its worker. */
  const wakeWorker = () => void sendFromPage({ type: 'options-state', payload: {} }).catch(() => undefined);
  // Chromium stops an idle worker after 30 s; Playwright keeps the stopped worker listed and holds
  // every evaluate in it until it runs again, which nothing else may cause (a walk's step that asks
  // the worker first hung CI for 45 minutes): while an answer is late, a message starts the worker.
  const extension: ExtensionContext = {
    evaluate: async (fn, arg) => {
      const answer = (await liveWorker()).evaluate(fn as never, arg) as Promise<never>;
      return wakingWhileLate(answer, wakeWorker, 'DocDelta\'s service worker');
    },
  };
  const pages = new WeakMap<Tab, Page>();
  const used = new WeakSet<Page>();
  const tabOf = (page: Page): Tab => {
    used.add(page);
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    const tab: Tab = {
      page,
      url: () => page.url(),
      goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
      setContent: (html) => page.setContent(html, { waitUntil: 'domcontentloaded' }),
      bringToFront: () => page.bringToFront(),
      click: (selector) => page.click(selector),
      clickControl: async (name, within = '') => {
        const control = await retry(async () => (await page.evaluateHandle(findControl, { source: namePattern(name), scope: within })).asElement(), `a control named ${String(name)}`);
        await control.click();
      },
      fill: (selector, text) => page.fill(selector, text),
      fillControl: async (name, text) => {
        const field = await retry(async () => (await page.evaluateHandle(findControl, { source: namePattern(name), scope: '' })).asElement(), `a field named ${String(name)}`);
        await field.fill(text);
      },
      upload: (selector, file) => page.setInputFiles(selector, file),
      select: async (selector, value) => void (await page.selectOption(selector, value)),
      waitFor: async (selector) => void (await page.waitForSelector(selector, { state: 'attached', timeout: 20_000 })),
      goBack: async () => void (await page.goBack()),
      reload: async () => void (await page.reload({ waitUntil: 'load' })),
      press: (key) => page.keyboard.press(key),
      capture: (box) => page.screenshot({ clip: box }),
      errors: () => [...errors],
      evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
      screenshot: async (file, size) => {
        if (size) await page.setViewportSize(size);
        await page.screenshot({ path: file });
      },
      close: () => page.close(),
    };
    pages.set(tab, page);
    return tab;
  };
  // The service worker does not receive its own messages: they go from a DocDelta page, opened once.
  let sender: Promise<Page> | null = null;
  const sendFromPage = async (message: unknown) => (await (sender ??= openPage('options.html'))).evaluate((m) => chrome.runtime.sendMessage(m), message);
  const openPage = async (path: string) => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
    return page;
  };

  const pageOf = (tab: Tab) => pages.get(tab) ?? (() => { throw new Error('not a tab of this harness'); })();
  return {
    browser: 'chromium',
    can: capabilitiesOf('chromium'),
    extensionOrigin: origin,
    extension,
    // The window's first, blank tab is the first one a scenario asks for.
    newTab: async () => tabOf(browser.context.pages().find((page) => page.url() === 'about:blank' && !used.has(page)) ?? (await browser.context.newPage())),
    visit: async (tab, url) => {
      const since = Date.now();
      // The reader looks at the page they open (DocDelta reads a page only while it is shown).
      await tab.bringToFront();
      await tab.goto(url);
      return settleVisit({ answeredAt: () => lastAnswerAt(extension), state: async () => ({ badge: await badgeText(extension, pageOf(tab)), shown: await shownCount(tab.page) }) }, since, url);
    },
    tabId: (tab) => tabIdOf(extension, pageOf(tab)),
    badge: (tab) => badgeText(extension, pageOf(tab)),
    runCommand: (tab, command) => runCommand(extension, pageOf(tab), command),
    message: sendFromPage,
    openExtensionPage: async (path) => tabOf(await openPage(path)),
    stopBackground: async () => {
      const session = await browser.context.newCDPSession(await (sender ??= openPage('options.html')));
      await session.send('ServiceWorker.enable');
      await session.send('ServiceWorker.stopAllWorkers');
      await session.detach();
    },
    // The worker that runs reload() goes with it: its evaluate may fail as it stops.
    reloadExtension: async () => void (await extension.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload: () => void } } }).chrome.runtime.reload()).catch(() => undefined)),
    switchOff: () => Promise.reject(new Error('Chromium\'s harness cannot switch DocDelta off (can.switchOff)')),
    tabOpenedBy: async (action, url) => {
      const opened = browser.context.waitForEvent('page', { timeout: 20_000 });
      await action();
      const page = await opened;
      await page.waitForURL(url, { timeout: 20_000 });
      return tabOf(page);
    },
    // Chromium's extensions page takes site access back without removing the manifest's host
    // permission, so permissions.remove cannot do it: DocDelta sees what the browser shows it,
    // permissions.contains turning false and permissions.onRemoved firing.
    revokeSite: async (origin) => {
      await extension.evaluate((pattern) => {
        type Permissions = { contains: (p: { origins?: string[] }) => Promise<boolean>; onRemoved: { dispatch: (p: unknown) => void } };
        const permissions = (globalThis as unknown as { chrome: { permissions: Permissions } }).chrome.permissions;
        const contains = permissions.contains.bind(permissions);
        permissions.contains = async (p) => (p.origins?.includes(pattern) ? false : contains(p));
        permissions.onRemoved.dispatch({ origins: [pattern], permissions: [] });
      }, origin);
    },
    clickToolbarButton: async (tab) => {
      const { popup, disconnect } = await clickToolbarButton(browser, pageOf(tab));
      const first = (selector: string) => popup.$(selector).catch(() => null);
      return {
        text: async (selector) => (await (await first(selector))?.evaluate((element) => element.textContent ?? '')) ?? '',
        attribute: async (selector, name) => (await (await first(selector))?.evaluate((element, attribute) => element.getAttribute(attribute), name)) ?? null,
        close: async () => {
          await popup.close().catch(() => undefined);
          await disconnect();
        },
      };
    },
    openPopup: async (tab) => tabOf(await openPage(`popup.html?tab=${await tabIdOf(extension, pageOf(tab))}`)),
    onClosed: (callback) => void browser.context.on('close', callback),
    close: () => browser.close(),
  };
}

/** Downloads go to `folder` under the names the browser suggests, as for a reader who set a download folder. */
function saveDownloadsIn(context: BrowserContext, folder: string): void {
  const watch = (page: Page) => page.on('download', (download) => void download.saveAs(join(folder, download.suggestedFilename())));
  context.pages().forEach(watch);
  context.on('page', watch);
}
