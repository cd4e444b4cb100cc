import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type ExtensionBrowser } from '../../harness/chromium';
import { loadCorpus, readHtml } from '../support/corpus';
import { setSiteFeed, visitAndSettle } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { poisoned, pollutionProbe, servePoisonedFeed } from '../support/hostile';
import type { serveFolder } from '../../harness/static-server';

// Hostile JSON, with __proto__ and constructor.prototype keys at several depths, reaches
// DocDelta two ways: a feed's files and an import file. Neither may pollute any context.
const page = loadCorpus().find((p) => p.slug === 'api-guide__filtering')!;
const url = page.url.replace(/^https:/, 'http:');

declare const chrome: { runtime: { sendMessage: (message: unknown) => Promise<{ ok: boolean; value?: { error: string | null }; error?: string }> } };
// A page and a worker evaluate alike; their two signatures do not unite in one call.
const polluted = (context: Page | Worker) => ('goto' in context ? context.evaluate(pollutionProbe) : context.evaluate(pollutionProbe));

describe('prototype pollution through feeds and imports (Chromium)', () => {
  let docs: FixtureServer;
  let feed: Awaited<ReturnType<typeof serveFolder>>;
  let browser: ExtensionBrowser;
  let options: Page;

  beforeAll(async () => {
    feed = await servePoisonedFeed();
    docs = await new FixtureServer().start();
    docs.pages.set(new URL(url).pathname, readHtml(page.versions.at(-1)!));
    browser = await launchChromium({ port: docs.port, hosts: ['www.django-rest-framework.org'] });
    await visitAndSettle(browser.worker, await browser.context.newPage(), url);
    options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
    await feed?.close();
  });

  test('a feed index carrying __proto__ keys is refused, in plain words', async () => {
    await setSiteFeed(browser.worker, 'django-rest-framework', `${feed.url}/index/index.json`);
    const synced = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'sync-feed', payload: { siteId: 'django-rest-framework' } }));
    expect(synced.ok).toBe(true);
    expect(synced.value!.error).toMatch(/__proto__/);
    expect(feed.requests).toContain('/index/index.json');
  });

  test('an import file carrying them is refused, and stores nothing', async () => {
    const text = poisoned({ format: 'docdelta-backup', version: 1, exportedAt: 0, pages: [], feeds: [], settings: [] });
    const imported = await options.evaluate((body) => chrome.runtime.sendMessage({ type: 'import', payload: { text: body } }), text);
    expect(imported.ok).toBe(false);
    expect(imported.error).toMatch(/forbidden key "__proto__"/);
  });

  test('no extension context has a polluted prototype: worker, options, popup, changes page', async () => {
    const pages = await Promise.all(['popup.html', 'changes.html'].map(async (file) => {
      const extensionPage = await browser.context.newPage();
      await extensionPage.goto(`chrome-extension://${browser.extensionId}/${file}`);
      return extensionPage;
    }));
    for (const context of [browser.worker, options, ...pages]) expect(await polluted(context)).toEqual([undefined, undefined, undefined]);
  });
});
