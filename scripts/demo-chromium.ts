import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../harness/chromium';
import { ageViews, runCommand, setSiteFeed, tabIdOf, visitAndSettle } from '../harness/extension-state';
import type { Demo } from './demo-servers';

/** The demo in Chromium: a profile seeded headless two days back, then the newest pages (and screenshots when headless). */
export async function runChromiumDemo(demo: Demo, options: { headless: boolean; out: string }): Promise<void> {
  // Seed: a visit to the older versions, made headless, then moved two days back.
  const seeder = await launchChromium({ port: demo.server.port, hosts: demo.hosts, headless: true, keepProfile: true });
  const seedTab = await seeder.context.newPage();
  for (const page of demo.seeded) await visitAndSettle(seeder.worker, seedTab, demo.urlOf(page));
  await ageViews(seeder.worker, 2 * 24 * 60 * 60 * 1000);
  const profile = seeder.profile;
  await seeder.context.close();
  demo.serveNewest();

  const browser = await launchChromium({ port: demo.server.port, hosts: demo.hosts, headless: options.headless, profile });
  await setSiteFeed(browser.worker, 'django-rest-framework', demo.feedUrl);
  const tabs = [];
  for (const page of demo.shown) {
    const tab = await browser.context.newPage();
    const badge = await visitAndSettle(browser.worker, tab, demo.urlOf(page));
    tabs.push({ page, tab, badge });
  }
  for (const blank of browser.context.pages().filter((p) => p.url() === 'about:blank')) await blank.close();

  if (!options.headless) {
    browser.context.on('close', () => void demo.close().then(() => process.exit(0)));
    return;
  }
  mkdirSync(options.out, { recursive: true });
  for (const { page, tab, badge } of tabs) {
    await runCommand(browser.worker, tab, 'next-change');
    await tab.waitForTimeout(300);
    const file = join(options.out, `demo-${page.slug}.png`);
    await tab.screenshot({ path: file });
    const since = demo.isFeedOnly(page) ? 'the feed\'s previous version (never visited)' : 'the seeded visit';
    console.log(`${page.url}: ${badge || 'no'} changes since ${since} → ${file}`);
  }
  // The popup for the first page, and the changes page with one page's details open.
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 560 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${await tabIdOf(browser.worker, tabs[0]!.tab)}`);
  await popup.locator('.timeline li').first().waitFor();
  await popup.screenshot({ path: join(options.out, 'popup.png') });
  console.log(`popup → ${join(options.out, 'popup.png')}`);
  const changes = await browser.context.newPage();
  await changes.setViewportSize({ width: 1000, height: 900 });
  await changes.goto(`chrome-extension://${browser.extensionId}/changes.html`);
  await changes.locator('.page').first().getByRole('button', { name: 'Details' }).click();
  await changes.locator('.diff').first().waitFor();
  await changes.screenshot({ path: join(options.out, 'changes.png') });
  console.log(`changes page → ${join(options.out, 'changes.png')}`);
  await browser.close();
  await demo.close();
}
