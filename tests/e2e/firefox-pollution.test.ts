import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCorpus, readHtml } from '../support/corpus';
import type { ExtensionContext } from '../../harness/extension-state';
import { evaluatorOf, launchFirefox, type FirefoxWithExtension } from '../../harness/firefox';
import { visitInFirefox } from '../../harness/firefox-reader';
import { FixtureServer } from '../../harness/fixture-server';
import { poisoned, pollutionProbe, servePoisonedFeed } from '../support/hostile';
import type { serveFolder } from '../../harness/static-server';

// prototype-pollution.test.ts in Firefox ESR: hostile JSON with __proto__ and
// constructor.prototype keys, in a feed's index and in an import file, pollutes no context.
const page = loadCorpus().find((p) => p.slug === 'api-guide__filtering')!;
const url = page.url.replace(/^https:/, 'http:');

type Answer = { ok: boolean; value?: { error: string | null }; error?: string };
declare const browser: { runtime: { sendMessage: (message: unknown) => Promise<Answer>; getBackgroundPage: () => Promise<typeof globalThis> } };

describe('prototype pollution through feeds and imports, in Firefox', () => {
  let docs: FixtureServer;
  let feed: Awaited<ReturnType<typeof serveFolder>>;
  let firefox: FirefoxWithExtension;
  let options: Page;
  let extension: ExtensionContext;

  beforeAll(async () => {
    feed = await servePoisonedFeed();
    docs = await new FixtureServer().start();
    docs.pages.set(new URL(url).pathname, readHtml(page.versions.at(-1)!));
    firefox = await launchFirefox({ proxyPort: docs.port });
    options = await firefox.openExtensionPage('options.html');
    extension = evaluatorOf(options);
    await visitInFirefox(extension, await firefox.browser.newPage(), url);
  });

  afterAll(async () => {
    await firefox?.close();
    await docs?.stop();
    await feed?.close();
  });

  test('a feed index carrying __proto__ keys is refused, in plain words', async () => {
    expect((await extension.evaluate((index) => browser.runtime.sendMessage({ type: 'set-feed', payload: { siteId: 'django-rest-framework', url: index } }), `${feed.url}/index/index.json`)).ok).toBe(true);
    const synced = await extension.evaluate(() => browser.runtime.sendMessage({ type: 'sync-feed', payload: { siteId: 'django-rest-framework' } }));
    expect(synced.ok).toBe(true);
    expect(synced.value!.error).toMatch(/__proto__/);
    expect(feed.requests).toContain('/index/index.json');
  });

  test('an import file carrying them is refused, and stores nothing', async () => {
    const text = poisoned({ format: 'docdelta-backup', version: 1, exportedAt: 0, pages: [], feeds: [], settings: [] });
    const imported = await extension.evaluate((body) => browser.runtime.sendMessage({ type: 'import', payload: { text: body } }), text);
    expect(imported.ok).toBe(false);
    expect(imported.error).toMatch(/forbidden key "__proto__"/);
  });

  test('no extension context has a polluted prototype: event page, options, popup, changes page', async () => {
    const background = await extension.evaluate(async () => {
      const page = await browser.runtime.getBackgroundPage();
      return [(new page.Object() as Record<string, unknown>).polluted, (page.Object.prototype as Record<string, unknown>).polluted, (page.Array.prototype as unknown as Record<string, unknown>).polluted];
    });
    expect(background).toEqual([undefined, undefined, undefined]);
    const pages = [options, await firefox.openExtensionPage('popup.html'), await firefox.openExtensionPage('changes.html')];
    for (const context of pages) {
      expect(await context.evaluate(pollutionProbe)).toEqual([undefined, undefined, undefined]);
    }
  });
});
