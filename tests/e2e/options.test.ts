import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { buildMarkdownFeed } from '../support/corpus-feed';
import { launchChromium, type ExtensionBrowser } from '../../harness/chromium';
import { loadCorpus, readHtml } from '../support/corpus';
import { ageViews, badgeText, lastViewAt, timelineOf, visitAndSettle } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { serveFolder } from '../../harness/static-server';

const corpus = loadCorpus();
const visited = corpus.filter((p) => ['api-guide__fields', 'api-guide__filtering'].includes(p.slug));
const fromFeed = corpus.find((p) => p.slug === 'api-guide__pagination')!;
const httpUrl = (url: string) => url.replace(/^https:/, 'http:');

describe('the options page (Chromium)', () => {
  let docs: FixtureServer;
  let feed: Awaited<ReturnType<typeof serveFolder>>;
  let browser: ExtensionBrowser;
  let options: Page;
  let tab: Page;

  const timeline = (url: string) => timelineOf(browser.worker, url);
  const status = () => options.getByRole('status').textContent();

  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'docdelta-feed-'));
    await buildMarkdownFeed(fromFeed, fromFeed.versions.filter((v) => v.markdownPath).slice(-4), join(folder, 'feed'));
    feed = await serveFolder(folder);
    docs = await new FixtureServer().start();
    browser = await launchChromium({ port: docs.port, hosts: ['www.django-rest-framework.org'] });
    tab = await browser.context.newPage();
    // Some history: two pages, three versions each, a day apart.
    for (const page of visited) {
      for (const version of page.versions.slice(-3)) {
        docs.pages.set(new URL(httpUrl(page.url)).pathname, readHtml(version));
        await visitAndSettle(browser.worker, tab, httpUrl(page.url));
        await ageViews(browser.worker, 24 * 3600e3);
      }
    }
    options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
    await feed?.close();
  });

  test('shows what each site stores', async () => {
    await expect.poll(() => options.locator('.site', { hasText: 'Django REST framework' }).locator('.usage').textContent()).toMatch(/^2 pages, 6 versions, [\d.]+ KB$/);
  });

  test('a feed set here is used: Sync now reads it, and a never-visited page shows its history', async () => {
    const input = options.getByLabel('Feed URL for Django REST framework');
    await input.fill(`${feed.url}/feed/index.json`);
    await options.locator('.site', { hasText: 'Django REST framework' }).getByRole('button', { name: 'Save feed' }).click();
    await expect.poll(status).toBe('Django REST framework: feed saved.');
    await options.locator('.site', { hasText: 'Django REST framework' }).getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(status).toBe('Django REST framework: 2 pages checked, 0 new versions.');
    await expect.poll(() => options.locator('.site', { hasText: 'Django REST framework' }).locator('.feed-status').textContent()).toMatch(/^Last synced (now|\d+ minutes? ago)\.$/);

    docs.pages.set(new URL(httpUrl(fromFeed.url)).pathname, readHtml(fromFeed.versions.at(-1)!));
    await tab.goto(httpUrl(fromFeed.url));
    await tab.waitForSelector('docdelta-overlay', { state: 'attached' });
    expect((await timeline(fromFeed.url)).some((entry) => entry.source === 'feed')).toBe(true);
  });

  test('a feed that fails says why, in plain words', async () => {
    await options.getByLabel('Feed URL for Django REST framework').fill(`${feed.url}/missing/index.json`);
    await options.locator('.site', { hasText: 'Django REST framework' }).getByRole('button', { name: 'Save feed' }).click();
    await options.locator('.site', { hasText: 'Django REST framework' }).getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(status).toMatch(/^Something went wrong: Django REST framework: sync failed: .*404/);
    await expect.poll(() => options.locator('.site', { hasText: 'Django REST framework' }).locator('.feed-status').textContent()).toMatch(/failed: .*404/);
    await options.getByLabel('Feed URL for Django REST framework').fill('');
    await options.locator('.site', { hasText: 'Django REST framework' }).getByRole('button', { name: 'Save feed' }).click();
    await expect.poll(status).toBe('Django REST framework: feed removed.');
  });

  test('a site switched off is not tracked: nothing stored, nothing shown; on again, it is', async () => {
    const drf = options.getByRole('switch', { name: 'Track Django REST framework' });
    await drf.click();
    await expect.poll(() => drf.getAttribute('aria-checked')).toBe('false');
    const page = visited[0]!;
    docs.pages.set(new URL(httpUrl(page.url)).pathname, readHtml(page.versions.at(-5)!));
    const before = Date.now();
    await tab.goto(httpUrl(page.url));
    await tab.waitForTimeout(1500);
    expect(await lastViewAt(browser.worker)).toBeLessThan(before);
    expect(await tab.locator('docdelta-overlay').count()).toBe(0);
    expect(await badgeText(browser.worker, tab)).toBe('');
    await drf.click();
    await expect.poll(() => drf.getAttribute('aria-checked')).toBe('true');
    expect(await visitAndSettle(browser.worker, tab, httpUrl(page.url))).not.toBe('');
  });

  test('export → delete everything → import brings back every version, and offers the feed for the reader to confirm', async () => {
    await options.getByLabel('Feed URL for Django REST framework').fill(`${feed.url}/feed/index.json`);
    await options.locator('.site', { hasText: 'Django REST framework' }).getByRole('button', { name: 'Save feed' }).click();
    await expect.poll(status).toBe('Django REST framework: feed saved.');
    const before = await Promise.all(visited.map((page) => timeline(page.url)));
    const downloading = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export everything to a file' }).click();
    const file = await (await downloading).path();
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('docdelta-backup');

    await options.getByRole('button', { name: 'Delete all DocDelta data' }).click();
    await options.getByRole('button', { name: 'Click again to delete everything' }).click();
    await expect.poll(status).toBe('All DocDelta data deleted.');
    expect(await Promise.all(visited.map((page) => timeline(page.url)))).toEqual([[], []]);

    await options.getByLabel('Import from a file').setInputFiles(file);
    await expect.poll(status).toMatch(/^Imported 3 pages, \d+ new versions\.$/);
    const after = await Promise.all(visited.map((page) => timeline(page.url)));
    expect(after.map((list) => list.map((e) => [e.time, e.source]))).toEqual(before.map((list) => list.map((e) => [e.time, e.source])));

    // The file's feed is offered, not set: the reader reads its address and confirms it.
    const feedField = options.getByLabel('Feed URL for Django REST framework');
    expect(await feedField.inputValue()).toBe('');
    const offers = options.getByRole('region', { name: 'Feeds named in the imported file' });
    await expect.poll(() => offers.textContent()).toContain(`${feed.url}/feed/index.json`);
    await offers.getByRole('button', { name: 'Use this feed for Django REST framework' }).click();
    await expect.poll(status).toBe('Django REST framework: feed saved.');
    await expect.poll(() => feedField.inputValue()).toBe(`${feed.url}/feed/index.json`);
    expect(await offers.count()).toBe(0);
  });

  test('a damaged file is refused and changes nothing', async () => {
    const before = await Promise.all(visited.map((page) => timeline(page.url)));
    await options.getByLabel('Import from a file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"docdelta-backup","version":1,"pages":[{"__proto__":{}}]}') });
    await expect.poll(status).toMatch(/^Something went wrong: This is not a DocDelta export: the file contains a forbidden key "__proto__"/);
    expect(await Promise.all(visited.map((page) => timeline(page.url)))).toEqual(before);
  });
});
