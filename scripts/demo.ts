import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { clickInOverlay, shownCount } from '../harness/closed-shadow';
import { ageViews, setSiteFeed } from '../harness/extension-state';
import { launchHarness, sleep, type BrowserName, type Tab } from '../harness/harness';
import type { Demo } from './demo-servers';

/**
 * The demo in either browser, through the same harness as the end-to-end scenarios: the older
 * pages are read and that visit moved two days back (a temporary add-on's profile does not
 * outlive its browser, so this happens in the same session), then the newest pages open, with
 * the demo feed set for the page never visited. Headless, it saves screenshots and says what
 * each page shows.
 */
export async function runDemo(demo: Demo, options: { browser: BrowserName; headless: boolean; out: string }): Promise<void> {
  const browser = await launchHarness(options.browser, { port: demo.server.port, hosts: demo.hosts, headless: options.headless });
  const seedTab = await browser.newTab();
  for (const page of demo.seeded) await browser.visit(seedTab, demo.urlOf(page));
  await ageViews(browser.extension, 2 * 24 * 60 * 60 * 1000);
  demo.serveNewest();
  await setSiteFeed(browser.extension, 'django-rest-framework', demo.feedUrl);
  const tabs: Array<{ page: Demo['shown'][number]; tab: Tab; badge: string }> = [];
  for (const [index, page] of demo.shown.entries()) {
    // The first page opens where the seeding happened; the others in tabs of their own.
    const tab = index === 0 ? seedTab : await browser.newTab();
    tabs.push({ page, tab, badge: await browser.visit(tab, demo.urlOf(page)) });
  }
  if (!options.headless) {
    browser.onClosed(() => void demo.close().then(() => process.exit(0)));
    return;
  }

  mkdirSync(options.out, { recursive: true });
  const prefix = options.browser === 'chromium' ? '' : `${options.browser}-`;
  for (const { page, tab, badge } of tabs) {
    await tab.bringToFront();
    // As the reader would: step to the first change, so the shot shows one.
    if (badge) await clickInOverlay(tab.page, 'Next change');
    await sleep(300);
    const file = join(options.out, `${prefix}demo-${page.slug}.png`);
    await tab.screenshot(file);
    const since = demo.isFeedOnly(page) ? 'the feed\'s previous version (never visited)' : 'the seeded visit';
    console.log(`${page.url} (${options.browser}): ${badge || 'no'} changes since ${since}; the navigator says "${await shownCount(tab.page)}" → ${file}`);
  }
  // The popup for the first page, and the changes page with one page's details open.
  const popup = await browser.openPopup(tabs[0]!.tab);
  await popup.waitFor('.timeline li');
  await popup.screenshot(join(options.out, `${prefix}popup.png`), { width: 380, height: 560 });
  console.log(`popup → ${join(options.out, `${prefix}popup.png`)}`);
  const changes = await browser.openExtensionPage('changes.html');
  await changes.clickControl('Details', '.page');
  await changes.waitFor('.diff');
  await changes.screenshot(join(options.out, `${prefix}changes.png`), { width: 1000, height: 900 });
  console.log(`changes page → ${join(options.out, `${prefix}changes.png`)}`);
  await browser.close();
  await demo.close();
}
