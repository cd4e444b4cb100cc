/**
 * `npm start`: builds the extension and opens Chromium on the bundled demo
 * docs site (real Django REST framework pages, served locally under their
 * real URL). The demo profile is seeded with a visit to an older version of
 * each page two days ago, so the reader sees what changed since at once.
 * One more page was never visited: its history comes from a feed built here
 * (with the project's feed builder) from real markdown sources of that page.
 *
 * With no display (or --headless) it saves screenshots and prints their paths.
 *   npm start                   # a browser window, if there is a display
 *   npm start -- --headless --out docs/images
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';
import { buildFeed } from '../cli/feed/build-feed';
import { snapshotVersions } from '../cli/feed/snapshot-source';
import { launchChromium, projectRoot } from '../tests/support/browsers';
import { ageViews, runCommand, setSiteFeed, tabIdOf, visitAndSettle } from '../tests/support/extension-state';
import { FixtureServer } from '../tests/support/fixture-server';
import { serveFolder } from '../tests/support/static-server';

interface DemoSite {
  pages: Array<{ slug: string; url: string; before: { file: string }; after: { file: string } }>;
  /** Pages the reader never opened, known only from the demo feed. */
  feedOnly: Array<{ slug: string; url: string; after: { file: string } }>;
  feedSource: string;
}

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: !process.env.DISPLAY },
    out: { type: 'string', default: 'screenshots' },
    'skip-build': { type: 'boolean', default: false },
  },
});

if (!values['skip-build']) {
  console.log('Building the extension…');
  const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit', cwd: projectRoot });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const demoDir = join(projectRoot, 'demo');
const site = JSON.parse(readFileSync(join(demoDir, 'site.json'), 'utf8')) as DemoSite;
const read = (file: string) => readFileSync(join(demoDir, file), 'utf8');
// The demo server speaks plain HTTP; DocDelta's DRF rule accepts both schemes.
const urlOf = (page: { url: string }) => page.url.replace(/^https:/, 'http:');

const server = await new FixtureServer().start();
server.stylesheet = read('demo.css');
const hosts = [...new Set(site.pages.map((page) => new URL(page.url).hostname))];

// Seed: a visit to the older versions, made headless, then moved two days back.
const seeder = await launchChromium({ port: server.port, hosts, headless: true, keepProfile: true });
const seedTab = await seeder.context.newPage();
for (const page of site.pages) {
  server.pages.set(new URL(urlOf(page)).pathname, read(page.before.file));
  await visitAndSettle(seeder.worker, seedTab, urlOf(page));
}
await ageViews(seeder.worker, 2 * 24 * 60 * 60 * 1000);
const profile = seeder.profile;
await seeder.context.close();

// The docs have changed since: serve the newest versions.
for (const page of [...site.pages, ...site.feedOnly]) server.pages.set(new URL(urlOf(page)).pathname, read(page.after.file));

// The demo feed, built from real markdown history and served on 127.0.0.1 (plain http is allowed there).
const feedDir = mkdtempSync(join(tmpdir(), 'docdelta-demo-feed-'));
const feedReport = await buildFeed(snapshotVersions(join(demoDir, site.feedSource), 'https://www.django-rest-framework.org/{path}/'), { out: feedDir, title: 'DocDelta demo feed' });
const feedServer = await serveFolder(feedDir);
console.log(`Demo feed: ${feedReport.added} versions of ${site.feedOnly.length} page(s) at ${feedServer.url}/index.json`);

const browser = await launchChromium({ port: server.port, hosts, headless: values.headless, profile });
await setSiteFeed(browser.worker, 'django-rest-framework', `${feedServer.url}/index.json`);
const tabs = [];
for (const page of [...site.pages, ...site.feedOnly]) {
  const tab = await browser.context.newPage();
  const badge = await visitAndSettle(browser.worker, tab, urlOf(page));
  tabs.push({ page, tab, badge });
}
for (const blank of browser.context.pages().filter((p) => p.url() === 'about:blank')) await blank.close();

if (values.headless) {
  const out = resolve(projectRoot, values.out);
  mkdirSync(out, { recursive: true });
  for (const { page, tab, badge } of tabs) {
    await runCommand(browser.worker, tab, 'next-change');
    await tab.waitForTimeout(300);
    const file = join(out, `demo-${page.slug}.png`);
    await tab.screenshot({ path: file });
    const since = site.feedOnly.includes(page as DemoSite['feedOnly'][number]) ? 'the feed\'s previous version (never visited)' : 'the seeded visit';
    console.log(`${page.url}: ${badge || 'no'} changes since ${since} → ${file}`);
  }
  // The popup for the first page, and the changes page with one page's details open.
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 560 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${await tabIdOf(browser.worker, tabs[0]!.tab)}`);
  await popup.locator('.timeline li').first().waitFor();
  await popup.screenshot({ path: join(out, 'popup.png') });
  console.log(`popup → ${join(out, 'popup.png')}`);
  const changes = await browser.context.newPage();
  await changes.setViewportSize({ width: 1000, height: 900 });
  await changes.goto(`chrome-extension://${browser.extensionId}/changes.html`);
  await changes.locator('.page').first().getByRole('button', { name: 'Details' }).click();
  await changes.locator('.diff').first().waitFor();
  await changes.screenshot({ path: join(out, 'changes.png') });
  console.log(`changes page → ${join(out, 'changes.png')}`);
  await browser.close();
  await server.stop();
  await feedServer.close();
} else {
  console.log(`DocDelta demo is open: ${site.pages.length} docs pages changed since your (seeded) visit two days ago,`);
  console.log(`and ${site.feedOnly.length} you never opened, showing what changed since the feed's previous version.`);
  console.log('Try Alt+Shift+J / Alt+Shift+K for next/previous change, Alt+Shift+D or the toolbar button to toggle.');
  console.log('Close the browser window to stop.');
  browser.context.on('close', () => {
    void Promise.all([server.stop(), feedServer.close()]).then(() => process.exit(0));
  });
}
