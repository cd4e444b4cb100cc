import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setSiteFeed, storedCounts, timelineOf } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, type Harness } from '../../harness/harness';
import { serveFolder } from '../../harness/static-server';
import { buildMarkdownFeed } from '../support/corpus-feed';
import { loadCorpus, readHtml } from '../support/corpus';
import { scenario } from '../support/scenario';

// Browsers stop an extension's background whenever they like (an MV3 service worker, Firefox's
// event page when idle). One stopped while it fetches a feed's versions must leave no partial
// history, and the next sync must work.
const page = loadCorpus().find((p) => p.slug === 'api-guide__pagination')!;
const url = page.url.replace(/^https:/, 'http:');
const SITE = 'django-rest-framework';

type Outcome = { ok: boolean; value?: { added: number; error: string | null }; error?: string };

describe('the background stopped in the middle of a feed sync', () => {
  let docs: FixtureServer;
  let feed: Awaited<ReturnType<typeof serveFolder>>;
  let browser: Harness;
  // While set, the feed host sends two versions' text and holds the rest back (a slow host).
  let held: Promise<void> | null = null;
  let contentsSent = 0;
  let release = () => undefined as void;
  const syncNow = () => browser.message({ type: 'sync-feed', payload: { siteId: SITE } }) as Promise<Outcome>;

  beforeAll(async () => {
    feed = await serveFolder(await buildMarkdownFeed(page), (path) => {
      // Version content: whole files and deltas (a sync fetches one whole version and deltas).
      if (!/\/(content|deltas)\//.test(path) || !held) return undefined;
      return ++contentsSent > 2 ? held : undefined;
    });
    docs = await new FixtureServer().start();
    docs.pages.set(new URL(url).pathname, readHtml(page.versions.at(-1)!));
    browser = await launchHarness(scenario.browser, { port: docs.port, hosts: ['www.django-rest-framework.org'] });
  });

  afterAll(async () => {
    release();
    await browser?.close();
    await docs?.stop();
    await feed?.close();
  });

  test('nothing of the interrupted sync is stored, and the next sync stores it all', async () => {
    const tab = await browser.newTab();
    const badge = await browser.visit(tab, url);
    await setSiteFeed(browser.extension, SITE, `${feed.url}/index.json`);
    const before = await storedCounts(browser.extension);
    expect(before.versions).toBe(1);

    held = new Promise<void>((resolve) => (release = resolve));
    const interrupted = syncNow().catch((error: Error): Outcome => ({ ok: false, error: error.message }));
    await expect.poll(() => contentsSent).toBeGreaterThan(2);

    // Stopped while it waits for the versions' text: the sync's answer never comes.
    await browser.stopBackground();
    const outcome = await interrupted;
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toBeTruthy();
    held = null;
    release();

    // The next message starts the background again; what the stopped one was doing left no trace.
    expect(((await browser.message({ type: 'options-state', payload: {} })) as Outcome).ok).toBe(true);
    expect(await storedCounts(browser.extension)).toEqual(before);
    expect(await timelineOf(browser.extension, url)).toHaveLength(1);

    const synced = await syncNow();
    expect(synced.ok).toBe(true);
    expect(synced.value!.error).toBeNull();
    expect(synced.value!.added).toBeGreaterThan(0);
    const after = await storedCounts(browser.extension);
    expect(after.versions).toBe(before.versions + synced.value!.added);
    const timeline = await timelineOf(browser.extension, url);
    expect(timeline).toHaveLength(after.versions);
    expect(timeline.filter((entry) => entry.source === 'feed')).toHaveLength(synced.value!.added);

    // Stopped while idle, as the browser does after 30 s: what the toolbar shows for the tab is
    // still there, and asking for it starts nothing that hangs (Playwright held such questions
    // forever until the harness learnt to wake the worker).
    await browser.stopBackground();
    expect(await browser.badge(tab)).toBe(badge);
  });
});
