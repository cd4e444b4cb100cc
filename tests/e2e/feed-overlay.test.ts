import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFeed } from '../../cli/feed/build-feed';
import { snapshotVersions } from '../../cli/feed/snapshot-source';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { ignoreSelector } from '../../lib/sites/find-site';
import { genericContentRoots } from '../../lib/sites/generic-docs';
import { buildMarkdownFeed } from '../support/corpus-feed';
import { markdownToHtml } from '../support/markdown-html';
import { loadCorpus, readHtml, type CorpusPage, type CorpusVersion } from '../support/corpus';
import { forgetEverything, setSiteFeed, showVersion, timelineOf } from '../../harness/extension-state';
import { launchHarness, type Harness, type Tab } from '../../harness/harness';
import { scenario } from '../support/scenario';
import { FixtureServer } from '../../harness/fixture-server';
import { probeOverlay, visibleArticleText } from '../support/page-probe';
import { serveFolder } from '../../harness/static-server';
import { Score, scoreOverlay, words } from '../support/word-accuracy';
import { referenceFromRendered } from '../support/moved-reference';
import { overlayText } from '../../harness/layer-reader';

const drf = builtinSites.find((site) => site.id === 'django-rest-framework')!;
// Every corpus page, at two moments each (the newest source, and one ten sources earlier).
const pages = loadCorpus().filter((p) => p.versions.filter((v) => v.markdownPath).length > 11);

/** Two moments per page: the newest version with a markdown source, and one ten sources earlier. */
function feedPairs(page: CorpusPage) {
  const withSource = page.versions.filter((v) => v.markdownPath);
  return [withSource.length - 1, withSource.length - 11].map((i) => ({ earlier: withSource.slice(0, i).reverse(), current: withSource[i]! }));
}
/**
 * The text of the newest of `newestFirst` that reads differently from `current`: a feed's
 * previous version (an edit to markup alone is not a version a reader would call a change).
 */
async function newestReadingDifferently(newestFirst: readonly CorpusVersion[], read: (v: CorpusVersion) => Promise<string>, current: string): Promise<string> {
  let text = '';
  for (const version of newestFirst) {
    text = await read(version);
    if (words(text).join(' ') !== words(current).join(' ')) break;
  }
  return text;
}

/** The overlay shows what a plain word diff expects, at the core issue's bar. */
async function expectOverlayToShow(tab: Tab, expected: { added: string[]; removed: string[] }) {
  const scores = scoreOverlay(await probeOverlay(tab.page), expected);
  expect(expected.added.length + expected.removed.length).toBeGreaterThan(0);
  for (const score of [scores.added, scores.removed]) {
    expect(score.precision).toBeGreaterThanOrEqual(0.98);
    expect(score.recall).toBeGreaterThanOrEqual(0.98);
  }
}

const rounds = pages.flatMap((page) => feedPairs(page).map((pair, round) => ({ page, round, ...pair })));

describe('a page never visited shows its changes since the feed\'s previous version', () => {
  let docs: FixtureServer;
  let feed: Awaited<ReturnType<typeof serveFolder>>;
  let browser: Harness;
  let reference: Tab;
  const added = new Score();
  const removed = new Score();
  let quiet = 0;
  const feedRoot = mkdtempSync(join(tmpdir(), 'docdelta-feed-'));

  beforeAll(async () => {
    // One feed per round: every markdown version of the page up to the one the site serves then.
    const folder = feedRoot;
    for (const { page, round, current } of rounds) {
      await buildMarkdownFeed(page, page.versions.filter((v) => v.date <= current.date), join(folder, `drf-feed-${page.slug}-${round}`));
    }
    feed = await serveFolder(folder);
    docs = await new FixtureServer().start();
    browser = await launchHarness(scenario.browser, { port: docs.port, hosts: ['www.django-rest-framework.org'] });
    reference = await browser.newTab();
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
    await feed?.close();
  });

  const textOf = async (html: string) => {
    await reference.setContent(html);
    return visibleArticleText(reference, [...drf.contentRoots, ...genericContentRoots], ignoreSelector(drf));
  };
  // The feed's version is markdown: its reference text is markdown-it's HTML rendering of it.
  const markdownText = (path: string) => textOf(`<article>${markdownToHtml(readFileSync(path, 'utf8'))}</article>`);

  test.each(rounds.map((r) => [`${r.page.slug} at ${r.current.stem}`, r] as const))('%s', async (_name, { page, round, earlier, current }) => {
    await forgetEverything(browser.extension);
    await setSiteFeed(browser.extension, 'django-rest-framework', `${feed.url}/drf-feed-${page.slug}-${round}/index.json`);
    const url = page.url.replace(/^https:/, 'http:');
    docs.pages.set(new URL(url).pathname, readHtml(current));
    const tab = await browser.newTab();
    // A first visit's answer waits for the feed to be read and the page compared with it.
    const badge = await browser.visit(tab, url);
    const previousText = await newestReadingDifferently(earlier, (v) => markdownText(v.markdownPath!), await markdownText(current.markdownPath!));
    const expected = referenceFromRendered(previousText, await textOf(readHtml(current)));
    if (expected.added.length + expected.removed.length + expected.moved.length === 0) {
      // Nothing a reader would see changed (e.g. headings re-levelled in the source): no badge and no overlay.
      expect(badge).toBe('');
      expect(await tab.evaluate(() => document.querySelectorAll('docdelta-overlay').length)).toBe(0);
      quiet++;
    } else {
      expect(badge).not.toBe('');
      expect(await overlayText(tab.page, '.section')).toContain('since the feed version of');
    }
    const seen = await probeOverlay(tab.page);
    added.add(seen.highlighted, expected.added);
    removed.add(seen.ghostRemoved, expected.removed);
    await tab.close();
  });

  test('a feed of whole HTML pages (site navigation and all) shows only the article\'s changes', async () => {
    const page = pages.find((p) => p.slug === 'tutorial__1-serialization')!;
    const versions = page.versions.slice(-6);
    const current = versions.at(-1)!;
    const snapshots = mkdtempSync(join(tmpdir(), 'docdelta-html-snap-'));
    mkdirSync(join(snapshots, page.slug));
    for (const v of versions) copyFileSync(v.html, join(snapshots, page.slug, `${v.stem}.html`));
    await buildFeed(snapshotVersions(snapshots, 'https://www.django-rest-framework.org/{path}/'), { out: join(feedRoot, 'drf-feed-html'), title: 'DRF' });
    await forgetEverything(browser.extension);
    await setSiteFeed(browser.extension, 'django-rest-framework', `${feed.url}/drf-feed-html/index.json`);
    const url = page.url.replace(/^https:/, 'http:');
    docs.pages.set(new URL(url).pathname, readHtml(current));
    const tab = await browser.newTab();
    expect(await browser.visit(tab, url)).not.toBe('');
    const currentText = await textOf(readHtml(current));
    const previousText = await newestReadingDifferently(versions.slice(0, -1).reverse(), (v) => textOf(readHtml(v)), currentText);
    const expected = referenceFromRendered(previousText, currentText);
    await expectOverlayToShow(tab, expected);
    await tab.close();
  });

  test('choosing an older feed version as the baseline redraws the page against it', async () => {
    const { page, round, current } = rounds.find((r) => r.page.slug === 'api-guide__permissions' && r.round === 0)!;
    await forgetEverything(browser.extension);
    await setSiteFeed(browser.extension, 'django-rest-framework', `${feed.url}/drf-feed-${page.slug}-${round}/index.json`);
    const url = page.url.replace(/^https:/, 'http:');
    docs.pages.set(new URL(url).pathname, readHtml(current));
    const tab = await browser.newTab();
    const firstBadge = await browser.visit(tab, url);
    expect(firstBadge).not.toBe('');

    const timeline = await timelineOf(browser.extension, url);
    const oldest = timeline.filter((entry) => entry.inFeed).at(-1)!;
    const version = page.versions.find((v) => v.markdownPath && Date.parse(v.date) === oldest.time)!;
    expect(version).toBeDefined();
    await showVersion(browser.extension, await browser.tabId(tab), oldest.versionId);
    const day = new Date(oldest.time).toLocaleDateString('en-US', { dateStyle: 'medium' });
    await expect.poll(() => overlayText(tab.page, '.section')).toContain(`since the feed version of ${day}`);
    await expect.poll(() => browser.badge(tab)).not.toBe(firstBadge);

    const expected = referenceFromRendered(await markdownText(version.markdownPath!), await textOf(readHtml(current)));
    await expectOverlayToShow(tab, expected);
    await tab.close();
  });

  test('the changes shown are the changes made (precision and recall ≥ 0.98), and only the feed host was asked', () => {
    console.log('feed accuracy', JSON.stringify({ rounds: rounds.length, quiet, addedP: added.precision, addedR: added.recall, removedP: removed.precision, removedR: removed.recall, added: added.expected, removed: removed.expected }));
    expect(added.expected + removed.expected).toBeGreaterThan(20);
    expect(quiet).toBeLessThan(rounds.length / 2);
    for (const score of [added, removed]) {
      expect(score.precision).toBeGreaterThanOrEqual(0.98);
      expect(score.recall).toBeGreaterThanOrEqual(0.98);
    }
    expect(feed.requests.every((path) => path.startsWith('/drf-feed-'))).toBe(true);
  });
});
