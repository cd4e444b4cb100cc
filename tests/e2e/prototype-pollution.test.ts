import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setSiteFeed } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, type Harness } from '../../harness/harness';
import type { serveFolder } from '../../harness/static-server';
import { loadCorpus, readHtml } from '../support/corpus';
import { poisoned, pollutionProbe, servePoisonedFeed } from '../support/hostile';
import { scenario } from '../support/scenario';

// Hostile JSON, with __proto__ and constructor.prototype keys at several depths, reaches
// DocDelta two ways: a feed's files and an import file. Neither may pollute any context.
const page = loadCorpus().find((p) => p.slug === 'api-guide__filtering')!;
const url = page.url.replace(/^https:/, 'http:');

type Answer = { ok: boolean; value?: { error: string | null }; error?: string };

describe('prototype pollution through feeds and imports', () => {
  let docs: FixtureServer;
  let feed: Awaited<ReturnType<typeof serveFolder>>;
  let browser: Harness;

  beforeAll(async () => {
    feed = await servePoisonedFeed();
    docs = await new FixtureServer().start();
    docs.pages.set(new URL(url).pathname, readHtml(page.versions.at(-1)!));
    browser = await launchHarness(scenario.browser, { port: docs.port, hosts: ['www.django-rest-framework.org'] });
    await browser.visit(await browser.newTab(), url);
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
    await feed?.close();
  });

  test('a feed index carrying __proto__ keys is refused, in plain words', async () => {
    await setSiteFeed(browser.extension, 'django-rest-framework', `${feed.url}/index/index.json`);
    const synced = (await browser.message({ type: 'sync-feed', payload: { siteId: 'django-rest-framework' } })) as Answer;
    expect(synced.ok).toBe(true);
    expect(synced.value!.error).toMatch(/__proto__/);
    expect(feed.requests).toContain('/index/index.json');
  });

  test('an import file carrying them is refused, and stores nothing', async () => {
    const text = poisoned({ format: 'docdelta-backup', version: 1, exportedAt: 0, pages: [], feeds: [], settings: [] });
    const imported = (await browser.message({ type: 'import', payload: { text } })) as Answer;
    expect(imported.ok).toBe(false);
    expect(imported.error).toMatch(/forbidden key "__proto__"/);
  });

  test('no extension context has a polluted prototype: the background, options, popup, changes page', async () => {
    // The background's own globals: Chromium's worker is where this runs; in Firefox the event page is reached from a DocDelta page.
    const background = await browser.extension.evaluate(async () => {
      type Runtime = { getBackgroundPage: () => Promise<typeof globalThis> };
      const runtime = (globalThis as unknown as { browser?: { runtime: Runtime } }).browser?.runtime;
      const scope = 'docdelta' in globalThis ? globalThis : await runtime!.getBackgroundPage();
      return [(new scope.Object() as Record<string, unknown>).polluted, (scope.Object.prototype as Record<string, unknown>).polluted, (scope.Array.prototype as unknown as Record<string, unknown>).polluted];
    });
    expect(background).toEqual([undefined, undefined, undefined]);
    for (const file of ['options.html', 'popup.html', 'changes.html']) {
      const extensionPage = await browser.openExtensionPage(file);
      expect(await extensionPage.evaluate(pollutionProbe), file).toEqual([undefined, undefined, undefined]);
    }
  });
});
