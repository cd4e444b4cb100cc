import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ageViews, lastViewAt, timelineOf } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, sleep, type Harness, type Tab } from '../../harness/harness';
import { serveFolder } from '../../harness/static-server';
import { until } from '../../harness/until';
import { buildMarkdownFeed } from '../support/corpus-feed';
import { loadCorpus, readHtml } from '../support/corpus';
import { scenario } from '../support/scenario';

// The options page: what each site stores, a feed set by hand and synced, a feed that fails,
// a site switched off, export → delete everything → import (with the file's feed offered, not
// set), and a damaged file refused.
const corpus = loadCorpus();
const visited = corpus.filter((p) => ['api-guide__fields', 'api-guide__filtering'].includes(p.slug));
const fromFeed = corpus.find((p) => p.slug === 'api-guide__pagination')!;
const httpUrl = (url: string) => url.replace(/^https:/, 'http:');
const DRF = 'Django REST framework';
/** The options page's row for DRF, and the controls in it. */
const SITE = 'li.site:has(#feed-django-rest-framework)';

describe('the options page', () => {
  let docs: FixtureServer;
  let feed: Awaited<ReturnType<typeof serveFolder>>;
  let browser: Harness;
  let options: Tab;
  let tab: Tab;
  const downloads = mkdtempSync(join(tmpdir(), 'docdelta-downloads-'));

  const timelines = () => Promise.all(visited.map((page) => timelineOf(browser.extension, page.url)));
  const text = (selector: string) => options.evaluate((css) => document.querySelector(css)?.textContent ?? '', selector);
  const status = () => text('[role="status"]');
  const feedField = () => options.evaluate(() => document.querySelector<HTMLInputElement>('#feed-django-rest-framework')!.value);
  const setFeed = async (url: string) => {
    await options.fillControl(`Feed URL for ${DRF}`, url);
    await options.clickControl('Save feed', SITE);
  };
  const tracked = () => options.evaluate((name) => document.querySelector(`[role="switch"][aria-label="${name}"]`)?.getAttribute('aria-checked'), `Track ${DRF}`);

  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'docdelta-feed-'));
    await buildMarkdownFeed(fromFeed, fromFeed.versions.filter((v) => v.markdownPath).slice(-4), join(folder, 'feed'));
    feed = await serveFolder(folder);
    docs = await new FixtureServer().start();
    browser = await launchHarness(scenario.browser, { port: docs.port, hosts: ['www.django-rest-framework.org'], downloads });
    tab = await browser.newTab();
    // Some history: two pages, three versions each, a day apart.
    for (const page of visited) {
      for (const version of page.versions.slice(-3)) {
        docs.pages.set(new URL(httpUrl(page.url)).pathname, readHtml(version));
        await browser.visit(tab, httpUrl(page.url));
        await ageViews(browser.extension, 24 * 3600e3);
      }
    }
    options = await browser.openExtensionPage('options.html');
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
    await feed?.close();
  });

  test('lists the built-in sites, and shows what each stores', async () => {
    await expect.poll(() => text(`${SITE} .usage`)).toMatch(/^2 pages, 6 versions, [\d.]+ KB$/);
    expect(await options.evaluate(() => document.querySelectorAll('li.site').length)).toBeGreaterThanOrEqual(10);
  });

  test('a feed set here is used: Sync now reads it, and a never-visited page shows its history', async () => {
    await setFeed(`${feed.url}/feed/index.json`);
    await expect.poll(status).toBe(`${DRF}: feed saved.`);
    await options.clickControl('Sync now', SITE);
    await expect.poll(status).toBe(`${DRF}: 2 pages checked, 0 new versions.`);
    await expect.poll(() => text(`${SITE} .feed-status`)).toMatch(/^Last synced (now|\d+ minutes? ago)\.$/);

    const url = httpUrl(fromFeed.url);
    docs.pages.set(new URL(url).pathname, readHtml(fromFeed.versions.at(-1)!));
    expect(Number(await browser.visit(tab, url))).toBeGreaterThan(0);
    expect((await timelineOf(browser.extension, url)).some((entry) => entry.source === 'feed')).toBe(true);
  });

  test('a feed that fails says why, in plain words', async () => {
    await setFeed(`${feed.url}/missing/index.json`);
    await expect.poll(status).toBe(`${DRF}: feed saved.`);
    await options.clickControl('Sync now', SITE);
    await expect.poll(status).toMatch(new RegExp(`^Something went wrong: ${DRF}: sync failed: .*404`));
    await expect.poll(() => text(`${SITE} .feed-status`)).toMatch(/failed: .*404/);
    await setFeed('');
    await expect.poll(status).toBe(`${DRF}: feed removed.`);
  });

  test('a site switched off is not tracked: nothing stored, nothing shown; on again, it is', async () => {
    await options.clickControl(`Track ${DRF}`);
    await expect.poll(tracked).toBe('false');
    const page = visited[0]!;
    docs.pages.set(new URL(httpUrl(page.url)).pathname, readHtml(page.versions.at(-5)!));
    const before = Date.now();
    await tab.bringToFront();
    await tab.goto(httpUrl(page.url));
    // Long enough for a read to be stored, were there one (a read takes well under this).
    await sleep(1500);
    expect(await lastViewAt(browser.extension)).toBeLessThan(before);
    expect(await tab.evaluate(() => document.querySelector('docdelta-overlay'))).toBeNull();
    expect(await browser.badge(tab)).toBe('');
    await options.bringToFront();
    await options.clickControl(`Track ${DRF}`);
    await expect.poll(tracked).toBe('true');
    expect(await browser.visit(tab, httpUrl(page.url))).not.toBe('');
  });

  test('export → delete everything → import brings back every version, and offers the feed for the reader to confirm', async () => {
    await options.bringToFront();
    await setFeed(`${feed.url}/feed/index.json`);
    await expect.poll(status).toBe(`${DRF}: feed saved.`);
    const before = await timelines();
    expect(before.every((list) => list.length >= 2)).toBe(true);
    await options.clickControl('Export everything to a file');
    let file = '';
    await expect.poll(() => (file = readdirSync(downloads).find((name) => /^docdelta-export-.*\.json$/.test(name)) ?? '')).not.toBe('');
    const exported = join(downloads, file);
    await expect.poll(() => { try { return JSON.parse(readFileSync(exported, 'utf8')).format; } catch { return null; } }).toBe('docdelta-backup');

    // The second click must follow while the button keeps focus; when something takes focus in
    // between (the finished download, on a busy machine), it asks again, and the reader clicks again.
    await until(async () => {
      await options.clickControl(/^(Delete all DocDelta data|Click again to delete everything)$/);
      return (await status()) === 'All DocDelta data deleted.';
    }, 'everything to be deleted');
    expect(await timelines()).toEqual([[], []]);

    await options.upload('input[type="file"]', exported);
    await expect.poll(status).toMatch(/^Imported 3 pages, \d+ new versions\.$/);
    const after = await timelines();
    expect(after.map((list) => list.map((e) => [e.time, e.source]))).toEqual(before.map((list) => list.map((e) => [e.time, e.source])));

    // The file's feed is offered, not set: the reader reads its address and confirms it.
    expect(await feedField()).toBe('');
    // The region named "Feeds named in the imported file".
    const offers = 'section[aria-labelledby="feed-offers-heading"]';
    await expect.poll(() => text(offers)).toContain(`${feed.url}/feed/index.json`);
    expect(await text('#feed-offers-heading')).toBe('Feeds named in the imported file');
    await options.clickControl(`Use this feed for ${DRF}`);
    await expect.poll(status).toBe(`${DRF}: feed saved.`);
    await expect.poll(feedField).toBe(`${feed.url}/feed/index.json`);
    expect(await options.evaluate((css) => document.querySelector(css) !== null, offers)).toBe(false);
  });

  test('a damaged file is refused and changes nothing', async () => {
    const before = await timelines();
    const damaged = join(downloads, 'damaged.json');
    writeFileSync(damaged, '{"format":"docdelta-backup","version":1,"pages":[{"__proto__":{}}]}');
    await options.upload('input[type="file"]', damaged);
    await expect.poll(status).toMatch(/^Something went wrong: This is not a DocDelta export: the file contains a forbidden key "__proto__"/);
    expect(await timelines()).toEqual(before);
  });
});
