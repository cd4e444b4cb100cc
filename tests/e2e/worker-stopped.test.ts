import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildMarkdownFeed } from '../support/corpus-feed';
import { launchChromium, type ExtensionBrowser } from '../../harness/chromium';
import { loadCorpus, readHtml } from '../support/corpus';
import { setSiteFeed, storedCounts, timelineOf, visitAndSettle } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { serveFolder } from '../../harness/static-server';

// MV3 service workers are stopped by the browser whenever it likes. One stopped while it
// fetches a feed's versions must leave no partial history, and the next sync must work.
const page = loadCorpus().find((p) => p.slug === 'api-guide__pagination')!;
const url = page.url.replace(/^https:/, 'http:');
const SITE = 'django-rest-framework';

declare const chrome: { runtime: { sendMessage: (message: unknown) => Promise<{ ok: boolean; value?: { added: number; error: string | null }; error?: string }> } };
const syncNow = (options: Page) => options.evaluate((siteId) => chrome.runtime.sendMessage({ type: 'sync-feed', payload: { siteId } }), SITE);

describe('the service worker stopped in the middle of a feed sync (Chromium)', () => {
  let docs: FixtureServer;
  let feed: Awaited<ReturnType<typeof serveFolder>>;
  let browser: ExtensionBrowser;
  // While set, the feed host sends two versions' text and holds the rest back (a slow host).
  let held: Promise<void> | null = null;
  let contentsSent = 0;
  let release = () => undefined as void;

  beforeAll(async () => {
    feed = await serveFolder(await buildMarkdownFeed(page), (path) => {
      // Version content: whole files and deltas (a sync fetches one whole version and deltas).
      if (!/\/(content|deltas)\//.test(path) || !held) return undefined;
      return ++contentsSent > 2 ? held : undefined;
    });
    docs = await new FixtureServer().start();
    docs.pages.set(new URL(url).pathname, readHtml(page.versions.at(-1)!));
    browser = await launchChromium({ port: docs.port, hosts: ['www.django-rest-framework.org'] });
  });

  afterAll(async () => {
    release();
    await browser?.close();
    await docs?.stop();
    await feed?.close();
  });

  test('nothing of the interrupted sync is stored, and the next sync stores it all', async () => {
    const tab = await browser.context.newPage();
    await visitAndSettle(browser.worker, tab, url);
    await setSiteFeed(browser.worker, SITE, `${feed.url}/index.json`);
    const before = await storedCounts(browser.worker);
    expect(before.versions).toBe(1);

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    held = new Promise<void>((resolve) => (release = resolve));
    const interrupted = syncNow(options).catch((error: Error) => ({ ok: false, error: error.message }));
    await expect.poll(() => contentsSent, { timeout: 20_000 }).toBeGreaterThan(2);

    // The browser stops the worker while it waits for the versions' text; the sync's answer never comes.
    const cdp = await browser.context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const outcome = await interrupted;
    expect(outcome.ok).toBe(false);
    expect('error' in outcome && outcome.error).toMatch(/message channel closed/);
    held = null;
    release();

    // The next message starts a new worker; what the stopped one was doing left no trace.
    const state = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'options-state', payload: {} }));
    expect(state.ok).toBe(true);
    const worker = browser.context.serviceWorkers().at(-1)!;
    expect(await storedCounts(worker)).toEqual(before);
    expect(await timelineOf(worker, url)).toHaveLength(1);

    const synced = await syncNow(options);
    expect(synced.ok).toBe(true);
    expect(synced.value!.error).toBeNull();
    expect(synced.value!.added).toBeGreaterThan(0);
    const after = await storedCounts(worker);
    expect(after.versions).toBe(before.versions + synced.value!.added);
    const timeline = await timelineOf(worker, url);
    expect(timeline).toHaveLength(after.versions);
    expect(timeline.filter((entry) => entry.source === 'feed')).toHaveLength(synced.value!.added);
  });
});
