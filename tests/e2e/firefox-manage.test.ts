import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildMarkdownFeed } from '../support/corpus-feed';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import { ageViews, lastViewAt, timelineOf, type ExtensionContext } from '../../harness/extension-state';
import { evaluatorOf, launchFirefox, waitForElement, type FirefoxWithExtension } from '../../harness/firefox';
import { badgeOf, control, shownCount, visitInFirefox } from '../../harness/firefox-reader';
import { FixtureServer } from '../../harness/fixture-server';
import { probeOverlay } from '../support/page-probe';
import { serveFolder } from '../../harness/static-server';
import { clickInOverlay } from '../../harness/closed-shadow';
import { until } from '../../harness/until';

// The reader's management pages in Firefox ESR, as in changes-page.test.ts and options.test.ts:
// the changes page (summary, details, compare, open live) and the options page (a feed set by
// hand, export → delete everything → import, a damaged file refused, a site switched off).
const corpus = loadCorpus();
const changed = corpus.filter((p) => ['api-guide__fields', 'api-guide__pagination'].includes(p.slug)).map((page) => ({ page, pair: pairWithChanges(page, 2, 15), url: page.url.replace(/^https:/, 'http:') }));
const fromFeed = corpus.find((p) => p.slug === 'api-guide__filtering')!;
const DRF = 'Django REST framework';

describe('the changes and options pages in Firefox', () => {
  let docs: FixtureServer;
  let feed: Awaited<ReturnType<typeof serveFolder>>;
  let firefox: FirefoxWithExtension;
  let extension: ExtensionContext;
  let tab: Page;
  const downloads = mkdtempSync(join(tmpdir(), 'docdelta-downloads-'));
  const badges: string[] = [];
  const timelines = () => Promise.all(changed.map(({ url }) => timelineOf(extension, url)));

  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'docdelta-feed-'));
    await buildMarkdownFeed(fromFeed, fromFeed.versions.filter((v) => v.markdownPath).slice(-4), join(folder, 'feed'));
    feed = await serveFolder(folder);
    docs = await new FixtureServer().start();
    firefox = await launchFirefox({ proxyPort: docs.port, downloads });
    extension = evaluatorOf(await firefox.openExtensionPage('options.html'));
    tab = await firefox.browser.newPage();
    for (const { pair, url } of changed) {
      docs.pages.set(new URL(url).pathname, readHtml(pair.before));
      await visitInFirefox(extension, tab, url);
    }
    await ageViews(extension, 3 * 24 * 3600e3);
    for (const { pair, url } of changed) {
      docs.pages.set(new URL(url).pathname, readHtml(pair.after));
      badges.push((await visitInFirefox(extension, tab, url)).badge);
    }
  });

  afterAll(async () => {
    await firefox?.close();
    await docs?.stop();
    await feed?.close();
  });

  describe('the changes page', () => {
    let changes: Page;
    const row = (url: string) => waitForElement(changes, `xpath///li[contains(@class, "page")][.//a[@href=${JSON.stringify(url)}]]`);

    beforeAll(async () => {
      changes = await firefox.openExtensionPage('changes.html');
    });

    test('lists both visited pages that changed, newest first, with the changes their overlays showed', async () => {
      expect(badges.every((badge) => Number(badge) > 0)).toBe(true);
      await expect.poll(() => changes.$eval('.site-summary', (element) => element.textContent).catch(() => '')).toMatch(/^2 pages changed, \+\d+ −\d+ words$/);
      expect(await changes.$$eval('.page .title', (links) => links.map((link) => link.getAttribute('href')))).toEqual([changed[1]!.url, changed[0]!.url]);
      for (const [i, { url }] of changed.entries()) {
        const counts = await (await row(url)).$eval('.counts', (element) => element.textContent);
        expect(counts).toMatch(new RegExp(`in ${badges[i]} places$`));
      }
    });

    test('Details shows the changed text with context, as text; the same version twice reads the same', async () => {
      const first = (await changes.$('.page'))!;
      await (await control(changes, 'Details', '.page'))!.click();
      await expect.poll(() => first.$$eval('.line.added, .line.removed', (lines) => lines.length)).toBeGreaterThan(0);
      expect(await first.$$eval('.line.same', (lines) => lines.length)).toBeGreaterThan(0);
      expect(await first.$$eval('.diff img, .diff script, .diff a', (elements) => elements.length)).toBe(0);
      const [from, to] = await first.$$('select');
      const newest = await to!.evaluate((select) => (select as HTMLSelectElement).value);
      const older = await from!.evaluate((select) => (select as HTMLSelectElement).value);
      await from!.select(newest);
      await expect.poll(() => first.evaluate((element) => element.textContent)).toContain('These two versions read the same.');
      await from!.select(older);
      await expect.poll(() => first.$$eval('.line.added, .line.removed', (lines) => lines.length)).toBeGreaterThan(0);
    });

    test('"Open the page with these changes" opens the live page against that version, even after Mark as seen', async () => {
      const { url } = changed[0]!;
      // Marked as seen, the page would show no changes on its own: what shows comes from the choice made here.
      expect((await visitInFirefox(extension, tab, url)).badge).toBe(badges[0]);
      await clickInOverlay(tab, 'Mark as seen');
      expect((await visitInFirefox(extension, tab, url)).badge).toBe('');
      // A new tab: the reader's tab shows the same address.
      const opened = firefox.browser.waitForTarget((target) => target.url() === url && target !== tab.target(), { timeout: 20_000 });
      await (await waitForElement(await row(url), 'xpath/.//button[normalize-space()="Open the page with these changes"]')).click();
      const live = (await (await opened).page())!;
      await expect.poll(() => shownCount(live), { timeout: 20_000 }).toBe(`${badges[0]} changes`);
      const seen = await probeOverlay(live);
      expect(seen.highlighted.length + seen.ghostRemoved.length).toBeGreaterThan(0);
      await live.close();
    });
  });

  describe('the options page', () => {
    let options: Page;
    const status = () => options.$eval('[role="status"]', (element) => element.textContent);
    const site = () => waitForElement(options, `xpath///li[contains(@class, "site")][.//span[@class="name"][normalize-space()="${DRF}"]]`);
    const siteControl = async (name: string) => (await control(options, name, 'li.site'));

    beforeAll(async () => {
      options = await firefox.openExtensionPage('options.html');
    });

    test('a feed set here is used: Sync now reads it, and a never-visited page shows its history', async () => {
      const input = await siteControl(`Feed URL for ${DRF}`);
      await input.type(`${feed.url}/feed/index.json`);
      await (await site()).$('xpath/.//button[normalize-space()="Save feed"]').then((button) => button!.click());
      await expect.poll(status).toBe(`${DRF}: feed saved.`);
      await (await site()).$('xpath/.//button[normalize-space()="Sync now"]').then((button) => button!.click());
      await expect.poll(status).toBe(`${DRF}: 2 pages checked, 0 new versions.`);
      await expect.poll(async () => (await site()).$eval('.feed-status', (element) => element.textContent)).toMatch(/^Last synced (now|\d+ minutes? ago)\.$/);

      const url = fromFeed.url.replace(/^https:/, 'http:');
      docs.pages.set(new URL(url).pathname, readHtml(fromFeed.versions.at(-1)!));
      const { badge } = await visitInFirefox(extension, tab, url);
      expect(Number(badge)).toBeGreaterThan(0);
      expect((await timelineOf(extension, url)).some((entry) => entry.source === 'feed')).toBe(true);
    });

    test('export → delete everything → import brings back every version', async () => {
      const before = await timelines();
      expect(before.every((list) => list.length >= 2)).toBe(true);
      await (await control(options, 'Export everything to a file')).click();
      let file = '';
      await expect.poll(() => (file = readdirSync(downloads).find((name) => /^docdelta-export-.*\.json$/.test(name)) ?? '')).not.toBe('');
      const exported = join(downloads, file);
      await expect.poll(() => { try { return JSON.parse(readFileSync(exported, 'utf8')).format; } catch { return null; } }).toBe('docdelta-backup');

      // The second click must follow while the button keeps focus; when something takes focus in
      // between (the finished download, on a busy machine), it asks again, and the reader clicks again.
      await until(async () => {
        await (await control(options, /^(Delete all DocDelta data|Click again to delete everything)$/)).click();
        return (await status()) === 'All DocDelta data deleted.';
      }, 'everything to be deleted');
      expect(await timelines()).toEqual([[], []]);

      const picker = await options.$('input[type="file"]');
      await (picker as NonNullable<typeof picker> & { uploadFile: (path: string) => Promise<void> }).uploadFile(exported);
      await expect.poll(status).toMatch(/^Imported 3 pages, \d+ new versions\.$/);
      const after = await timelines();
      expect(after.map((list) => list.map((e) => [e.time, e.source]))).toEqual(before.map((list) => list.map((e) => [e.time, e.source])));
    });

    test('a damaged file is refused and changes nothing', async () => {
      const before = await timelines();
      const damaged = join(downloads, 'damaged.json');
      writeFileSync(damaged, '{"format":"docdelta-backup","version":1,"pages":[{"__proto__":{}}]}');
      const picker = await options.$('input[type="file"]');
      await (picker as NonNullable<typeof picker> & { uploadFile: (path: string) => Promise<void> }).uploadFile(damaged);
      await expect.poll(status).toMatch(/^Something went wrong: This is not a DocDelta export: the file contains a forbidden key "__proto__"/);
      expect(await timelines()).toEqual(before);
    });

    test('a site switched off is not tracked: nothing stored, nothing shown; on again, it is', async () => {
      const drf = await siteControl(`Track ${DRF}`);
      await drf.click();
      await expect.poll(() => drf.evaluate((element) => element.getAttribute('aria-checked'))).toBe('false');
      const { page, url } = changed[0]!;
      docs.pages.set(new URL(url).pathname, readHtml(page.versions.at(-5)!));
      const before = Date.now();
      await tab.goto(url);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await lastViewAt(extension)).toBeLessThan(before);
      expect(await tab.evaluate(() => document.querySelector('docdelta-overlay'))).toBeNull();
      expect(await badgeOf(extension, url)).toBe('');
      await drf.click();
      await expect.poll(() => drf.evaluate((element) => element.getAttribute('aria-checked'))).toBe('true');
      expect((await visitInFirefox(extension, tab, url)).badge).not.toBe('');
    });
  });
});
