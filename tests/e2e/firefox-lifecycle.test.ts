import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildMarkdownFeed } from '../support/corpus-feed';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import { ageViews, lastViewAt, storedCounts, timelineOf, type ExtensionContext } from '../../harness/extension-state';
import { firefoxExtensionOrigin } from '../../harness/firefox';
import { FixtureServer } from '../../harness/fixture-server';
import { backgroundState, launchFirefoxOverMarionette, manageAddon, pressShortcut, stopBackground, type MarionetteFirefox } from '../../harness/marionette';
import { serveFolder } from '../../harness/static-server';
import { until } from '../../harness/until';
import { overlayText, type MarionetteTab } from '../../harness/closed-shadow';

// What Firefox does to DocDelta behind the reader's back, as worker-stopped.test.ts and
// extension-reload.test.ts in Chromium: it stops the event page whenever it has been idle
// (here, in the middle of a feed sync), and it reloads (updates) or switches off DocDelta
// under open pages, where the old content script is cut off without being told.
const feedPage = loadCorpus().find((p) => p.slug === 'api-guide__pagination')!;
const feedUrl = feedPage.url.replace(/^https:/, 'http:');
const readPage = loadCorpus().find((p) => p.slug === 'tutorial__1-serialization')!;
const pair = pairWithChanges(readPage, 3);
const readUrl = readPage.url.replace(/^https:/, 'http:');
const ARTICLE = 'article.md-content__inner, #main-content';
const SITE = 'django-rest-framework';

type Outcome = { ok: boolean; value?: { added: number; error: string | null }; error?: string };
declare const browser: { runtime: { sendMessage: (message: unknown) => Promise<Outcome> } };

describe('DocDelta stopped, reloaded and switched off by Firefox', () => {
  let docs: FixtureServer;
  let feed: Awaited<ReturnType<typeof serveFolder>>;
  let firefox: MarionetteFirefox;
  let optionsTab: string;
  let readerTab: string;
  let extension: ExtensionContext;
  let reader: MarionetteTab;
  // While set, the feed host sends two versions' text and holds the rest back (a slow host).
  let held: Promise<void> | null = null;
  let contentsSent = 0;
  let release = () => undefined as void;

  async function visit(url: string) {
    const before = Date.now();
    await firefox.switchTo(readerTab);
    await firefox.navigate(url);
    await until(async () => (await lastViewAt(extension)) >= before, `the visit to ${url}`);
  }
  /** What of DocDelta the reader can see on the page: ghosts, navigator, and the added-text colour. */
  const visibleMarks = async () => ({ ...(await reader.evaluate((article) => {
    const shown = (selector: string) => [...document.querySelectorAll(selector)].filter((element) => getComputedStyle(element).display !== 'none').length;
    const highlight = CSS.highlights.get('docdelta-added');
    const first = highlight ? ([...highlight][0] as Range | undefined)?.startContainer.parentElement : null;
    return {
      ghosts: shown('docdelta-removed'),
      navigators: shown('docdelta-overlay'),
      addedColour: first ? getComputedStyle(first, '::highlight(docdelta-added)').backgroundColor : 'none',
      articleText: (document.querySelector(article) as HTMLElement).innerText,
    };
  }, ARTICLE)), count: await overlayText(reader, '.count') });
  const syncNow = () => extension.evaluate((siteId) => browser.runtime.sendMessage({ type: 'sync-feed', payload: { siteId } }), SITE);

  beforeAll(async () => {
    feed = await serveFolder(await buildMarkdownFeed(feedPage), (path) => {
      // Version content: whole files and deltas (a sync fetches one whole version and deltas).
      if (!/\/(content|deltas)\//.test(path) || !held) return undefined;
      return ++contentsSent > 2 ? held : undefined;
    });
    docs = await new FixtureServer().start();
    firefox = await launchFirefoxOverMarionette({ proxyPort: docs.port });
    optionsTab = await firefox.openTab(`${firefoxExtensionOrigin}/options.html`);
    // Without selecting its tab: the reader's tab stays in front.
    extension = { evaluate: async (fn, arg) => (await firefox.switchTo(optionsTab, false), firefox.evaluate(fn, arg)) };
    reader = {
      evaluate: async (fn, arg) => (await firefox.switchTo(readerTab), firefox.evaluate(fn, arg)),
      callInShadowRoots: async (tag, declaration, argText) => (await firefox.switchTo(readerTab), firefox.callInShadowRoots(tag, declaration, argText)),
    };
    docs.pages.set(new URL(feedUrl).pathname, readHtml(feedPage.versions.at(-1)!));
    readerTab = await firefox.openTab('about:blank');
  });

  afterAll(async () => {
    release();
    await firefox?.close();
    await docs?.stop();
    await feed?.close();
  });

  test('the event page stopped in the middle of a feed sync leaves nothing partial; the next sync stores it all', async () => {
    await visit(feedUrl);
    expect((await extension.evaluate((url) => browser.runtime.sendMessage({ type: 'set-feed', payload: { siteId: 'django-rest-framework', url } }), `${feed.url}/index.json`)).ok).toBe(true);
    const before = await storedCounts(extension);
    expect(before.versions).toBe(1);

    held = new Promise<void>((resolve) => (release = resolve));
    // Started in the options page and left running there; its answer is collected below.
    await extension.evaluate((siteId) => {
      const page = window as unknown as { outcome?: Outcome };
      page.outcome = undefined;
      void browser.runtime.sendMessage({ type: 'sync-feed', payload: { siteId } }).then((value) => (page.outcome = value), (error: Error) => (page.outcome = { ok: false, error: error.message }));
    }, SITE);
    await expect.poll(() => contentsSent, { timeout: 20_000 }).toBeGreaterThan(2);
    await stopBackground(firefox);
    expect(await backgroundState(firefox)).toBe('stopped');
    const outcome = () => extension.evaluate(() => (window as unknown as { outcome?: Outcome }).outcome ?? null);
    await until(async () => (await outcome()) !== null, 'the interrupted sync\'s answer');
    expect((await outcome())!.ok).toBe(false);
    held = null;
    release();

    // The next message starts the event page again; what the stopped one was doing left no trace.
    expect((await extension.evaluate(() => browser.runtime.sendMessage({ type: 'options-state', payload: {} }))).ok).toBe(true);
    expect(await backgroundState(firefox)).toBe('running');
    expect(await storedCounts(extension)).toEqual(before);
    expect(await timelineOf(extension, feedUrl)).toHaveLength(1);

    const synced = await syncNow();
    expect(synced.ok).toBe(true);
    expect(synced.value!.error).toBeNull();
    expect(synced.value!.added).toBeGreaterThan(0);
    const after = await storedCounts(extension);
    expect(after.versions).toBe(before.versions + synced.value!.added);
    expect((await timelineOf(extension, feedUrl)).filter((entry) => entry.source === 'feed')).toHaveLength(synced.value!.added);
  });

  describe('under an open page with changes shown', () => {
    let shownBefore: Awaited<ReturnType<typeof visibleMarks>>;

    beforeAll(async () => {
      docs.pages.set(new URL(readUrl).pathname, readHtml(pair.before));
      await visit(readUrl);
      await ageViews(extension, 2 * 24 * 3600e3);
      docs.pages.set(new URL(readUrl).pathname, readHtml(pair.after));
      await visit(readUrl);
      await until(async () => (await visibleMarks()).count === `${pair.changes} changes`, 'the overlay');
      shownBefore = await visibleMarks();
    });

    test('reloaded (as an update does): the marks show once, not twice, and the navigator still steps through them', async () => {
      expect(shownBefore.ghosts).toBeGreaterThan(0);
      await manageAddon(firefox, 'reload');
      // The new copy of the content script reads the page again and draws its own marks.
      await until(async () => (await visibleMarks()).count === `${pair.changes} changes`, 'the overlay after the reload');
      const after = await visibleMarks();
      expect({ ghosts: after.ghosts, navigators: after.navigators }).toEqual({ ghosts: shownBefore.ghosts, navigators: 1 });
      expect(await reader.evaluate(() => document.querySelectorAll('docdelta-removed').length)).toBe(shownBefore.ghosts);
      await pressShortcut(firefox, readerTab, 'next-change');
      await expect.poll(async () => (await visibleMarks()).count).toBe(`1 of ${pair.changes}`);
    });

    test('switched off: nothing of DocDelta shows, and the article reads as the site served it', async () => {
      // Extension pages close with it: the options tab is gone too.
      await manageAddon(firefox, 'disable');
      await expect.poll(visibleMarks, { timeout: 10_000 }).toMatchObject({ ghosts: 0, navigators: 0, addedColour: 'rgba(0, 0, 0, 0)' });
      const shown = (await visibleMarks()).articleText;
      // The same page loaded afresh, DocDelta off: what the site served.
      await firefox.navigate(readUrl);
      expect(shown).toBe((await visibleMarks()).articleText);
    });
  });
});
