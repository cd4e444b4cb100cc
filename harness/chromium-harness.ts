import type { Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { shownCount } from './closed-shadow';
import { badgeText, lastAnswerAt, runCommand } from './extension-state';
import { capabilitiesOf, settleVisit, type Harness, type HarnessOptions, type Tab } from './harness';

/** Chromium through playwright-core: the service worker is DocDelta's own origin. */
export async function launchChromiumHarness(options: HarnessOptions): Promise<Harness> {
  const browser = await launchChromium({ port: options.port, hosts: options.hosts, headless: options.headless });
  const pages = new WeakMap<Tab, Page>();
  const tabOf = (page: Page): Tab => {
    const tab: Tab = {
      page,
      url: () => page.url(),
      goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
      setContent: (html) => page.setContent(html, { waitUntil: 'domcontentloaded' }),
      click: (selector) => page.click(selector),
      goBack: async () => void (await page.goBack()),
      evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
      close: () => page.close(),
    };
    pages.set(tab, page);
    return tab;
  };
  const pageOf = (tab: Tab) => pages.get(tab) ?? (() => { throw new Error('not a tab of this harness'); })();
  return {
    browser: 'chromium',
    can: capabilitiesOf('chromium'),
    extension: browser.worker,
    newTab: async () => tabOf(await browser.context.newPage()),
    visit: async (tab, url) => {
      const since = Date.now();
      await tab.goto(url);
      return settleVisit({ answeredAt: () => lastAnswerAt(browser.worker), state: async () => ({ badge: await badgeText(browser.worker, pageOf(tab)), shown: await shownCount(tab.page) }) }, since, url);
    },
    badge: (tab) => badgeText(browser.worker, pageOf(tab)),
    runCommand: (tab, command) => runCommand(browser.worker, pageOf(tab), command),
    openExtensionPage: async (path) => {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
      return tabOf(page);
    },
    close: () => browser.close(),
  };
}
