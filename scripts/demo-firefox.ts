import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ageViews } from '../harness/extension-state';
import { evaluatorOf, launchFirefox } from '../harness/firefox';
import { shownCount, visitInFirefox } from '../harness/firefox-reader';
import type { Demo } from './demo-servers';

declare const chrome: { runtime: { sendMessage: (message: unknown) => Promise<{ ok: boolean; error?: string }> } };

/**
 * The demo in Firefox ESR. A temporary add-on does not outlive its browser, so the
 * seeded visit happens in the same session: the older pages are read, the visit is moved
 * two days back, and the newest pages open.
 */
export async function runFirefoxDemo(demo: Demo, options: { headless: boolean; out: string }): Promise<void> {
  const firefox = await launchFirefox({ proxyPort: demo.server.port, headless: options.headless });
  const optionsPage = await firefox.openExtensionPage('options.html');
  const extension = evaluatorOf(optionsPage);
  const seedTab = await firefox.browser.newPage();
  for (const page of demo.seeded) await visitInFirefox(extension, seedTab, demo.urlOf(page));
  await seedTab.close();
  await ageViews(extension, 2 * 24 * 60 * 60 * 1000);
  demo.serveNewest();
  // Set the feed as Options would.
  const set = await optionsPage.evaluate((url) => chrome.runtime.sendMessage({ type: 'set-feed', payload: { siteId: 'django-rest-framework', url } }), demo.feedUrl);
  if (!set.ok) throw new Error(`setting the demo feed failed: ${set.error}`);
  const tabs = [];
  for (const page of demo.shown) {
    const tab = await firefox.browser.newPage();
    await visitInFirefox(extension, tab, demo.urlOf(page));
    tabs.push({ page, tab });
  }
  if (!options.headless) {
    firefox.browser.on('disconnected', () => void demo.close().then(() => process.exit(0)));
    return;
  }
  mkdirSync(options.out, { recursive: true });
  for (const { page, tab } of tabs) {
    const file = join(options.out, `firefox-demo-${page.slug}.png`);
    await tab.screenshot({ path: file as `${string}.png` });
    const shown = (await shownCount(tab)) || 'no changes';
    console.log(`${page.url} (Firefox): ${shown} → ${file}`);
  }
  await firefox.close();
  await demo.close();
}
