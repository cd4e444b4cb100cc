import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { clickInOverlay, shownCount } from '../harness/layer-reader';
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
  // Headless, no one can answer the browser's permission prompt for the archive: the e2e build
  // (Chromium) or a preference (Firefox) answers it; with a window, the reader does.
  const browser = await launchHarness(options.browser, { port: demo.server.port, hosts: demo.hosts, headless: options.headless, tls: demo.tls, grantSites: options.headless });
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
  // Never opened, and no feed: its history is one click away in the popup.
  const archived: Array<{ page: Demo['archiveOnly'][number]; tab: Tab }> = [];
  for (const page of demo.archiveOnly) {
    const tab = await browser.newTab();
    await browser.visit(tab, demo.urlOf(page));
    archived.push({ page, tab });
  }
  if (!options.headless) {
    for (const { page } of archived) console.log(`${page.url}: never visited; open DocDelta's popup there and click "Get this page's history from The Internet Archive".`);
    browser.onClosed(() => void demo.close().then(() => process.exit(0)));
    return;
  }

  mkdirSync(options.out, { recursive: true });
  const prefix = options.browser === 'chromium' ? '' : `${options.browser}-`;
  for (const { page, tab, badge } of tabs) {
    await tab.bringToFront();
    // As the reader would: step to the first change, so the shot shows one.
    if (badge) await stepToFirstChange(tab.page, badge);
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
  // The reader's click on a page never visited: its history from the (local) Internet Archive.
  for (const { page, tab } of archived) {
    const asked = demo.archiveRequests();
    const history = await browser.openPopup(tab);
    await history.clickControl('Get this page\'s history from The Internet Archive');
    await history.waitFor('.history-status');
    const said = await waitForAnswer(() => history.evaluate(() => document.querySelector('.history-status')?.textContent ?? ''));
    if (!/versions? from/.test(said)) throw new Error(`The demo's archive did not give ${page.url} its history: ${said}`);
    const badge = await waitForBadge(() => browser.badge(tab));
    await history.screenshot(join(options.out, `${prefix}popup-history.png`), { width: 380, height: 560 });
    await history.close();
    await tab.bringToFront();
    await stepToFirstChange(tab.page, badge, () => browser.runCommand(tab, 'next-change'));
    await sleep(300);
    const file = join(options.out, `${prefix}demo-${page.slug}.png`);
    await tab.screenshot(file);
    console.log(`${page.url} (${options.browser}): ${badge} changes since the Internet Archive's capture before today's (never visited; ${demo.archiveRequests() - asked} requests after the click); the navigator says "${await shownCount(tab.page)}" → ${file}`);
    console.log(`popup after "Get this page's history" → ${join(options.out, `${prefix}popup-history.png`)}`);
  }
  const changes = await browser.openExtensionPage('changes.html');
  await changes.clickControl('Details', '.page');
  await changes.waitFor('.diff');
  await changes.screenshot(join(options.out, `${prefix}changes.png`), { width: 1000, height: 900 });
  console.log(`changes page → ${join(options.out, `${prefix}changes.png`)}`);
  await browser.close();
  await demo.close();
}

/** What the popup says of the request once it is no longer asking. */
async function waitForAnswer(read: () => Promise<string>): Promise<string> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
    const said = await read();
    if (said && !said.startsWith('Asking')) return said;
  }
  throw new Error('the popup never said how the request to the archive went');
}

/** The tab's badge once DocDelta drew the changes the archive's history showed (a hang, not a speed check, ends it). */
async function waitForBadge(read: () => Promise<string>): Promise<string> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
    const badge = await read();
    if (badge) return badge;
  }
  throw new Error('the page never showed the changes from its archived history');
}

/**
 * Steps to the first change once the navigator shows the page's changes: with a reader's click on
 * "Next change", or with the keyboard command. The page whose history just arrived was drawn while
 * its popup, opened as a tab, was in front: headless Chromium then sends a click at the navigator
 * to the page instead of DocDelta's frame (docs/architecture.md, "Drawing"), so that page is
 * stepped with the key.
 */
async function stepToFirstChange(page: Parameters<typeof shownCount>[0], badge: string, step: () => Promise<void> = () => clickInOverlay(page, 'Next change')): Promise<void> {
  const all = badge === '1' ? '1 change' : `${badge} changes`;
  for (const deadline = Date.now() + 60_000; (await shownCount(page)) !== all; await sleep(100)) {
    if (Date.now() > deadline) throw new Error(`the navigator never said "${all}"`);
  }
  await step();
  for (const deadline = Date.now() + 60_000; !(await shownCount(page)).startsWith('1 of'); await sleep(100)) {
    if (Date.now() > deadline) throw new Error(`the navigator never said "1 of …" after "${all}"`);
  }
}
