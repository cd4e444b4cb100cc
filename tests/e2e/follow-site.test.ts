import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ARCHIVE_HOSTS, ArchiveServer } from '../../harness/archive-server';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFeed } from '../../cli/feed/build-feed';
import { snapshotVersions } from '../../cli/feed/snapshot-source';
import { forgetEverything, runFollowChecks, setSiteFeed } from '../../harness/extension-state';
import { serveFolder } from '../../harness/static-server';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, type Harness, type Tab } from '../../harness/harness';
import { until } from '../../harness/until';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { ignoreSelector } from '../../lib/sites/find-site';
import { genericContentRoots } from '../../lib/sites/generic-docs';
import { loadCorpus, readHtml } from '../support/corpus';
import { drfSourceCommits, fileAt } from '../support/drf-source-commits';
import { markdownToHtml } from '../support/markdown-html';
import { referenceFromRendered } from '../support/moved-reference';
import { visibleArticleText } from '../support/page-probe';
import { scenario } from '../support/scenario';
import { wordCount } from '../support/word-accuracy';

// Following Django REST framework: the reader clicks "Follow this site" in the popup, then a
// week passes. The week is real: the commits encode/django-rest-framework made from 26 Feb 2026
// (five commits changing four of the corpus's seven pages), served by a stand-in for GitHub
// (harness/archive-server.ts) as if they were made from the moment the reader followed, and by
// the site's feed, which its publisher rebuilds from those commits each day (a local static
// host). The background's checks run at simulated hours as the alarm would run them, the
// background is stopped between days, and GitHub's clock moves with them.

declare const chrome: { notifications: { getAll: () => Promise<Record<string, unknown>>; onClicked: unknown } };

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const drf = builtinSites.find((site) => site.id === 'django-rest-framework')!;
const REAL_WEEK_START = Date.parse('2026-02-26T09:00:00Z');
/** A page the week left alone: the reader has it open when they follow the site. */
const openPage = loadCorpus().find((page) => page.slug === 'api-guide__filtering')!;
const addressOf = (url: string) => url.replace(/^https:/, 'http:');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const SECTION = 'section[aria-labelledby="site-django-rest-framework"]';

describe('following a site: a week of its commits, then its week on the "What changed" page', () => {
  let docs: FixtureServer;
  let github: ArchiveServer;
  let feed: Awaited<ReturnType<typeof serveFolder>>;
  const feedFolder = mkdtempSync(join(tmpdir(), 'docdelta-follow-feed-'));
  let browser: Harness;
  let reference: Tab;
  let tab: Tab;
  /** When the reader followed (the real clock); the week's commits are dated from then. */
  let followedAt = 0;
  let commits: ReturnType<typeof drfSourceCommits>;
  /** Requests each simulated day sent, by kind. */
  const perDay: Array<{ listings: number; other: number; feedIndex: number }> = [];

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    github = await new ArchiveServer().start({ tls: true });
    feed = await serveFolder(feedFolder);
    browser = await launchHarness(scenario.browser, { port: docs.port, hosts: ['www.django-rest-framework.org'], grantSites: true, tls: { port: github.port, hosts: ARCHIVE_HOSTS } });
    reference = await browser.newTab();
    docs.pages.set(new URL(addressOf(openPage.url)).pathname, readHtml(openPage.versions.filter((v) => Date.parse(v.date) <= REAL_WEEK_START).at(-1)!));
    tab = await browser.newTab();
    await browser.visit(tab, addressOf(openPage.url));
  });

  afterAll(async () => {
    await browser?.close();
    await github?.stop();
    await feed?.close();
    await docs?.stop();
  });

  /** The publisher's rebuild of the site's feed: every page's markdown as committed up to `until`. */
  async function publishFeed(until: number) {
    const snapshots = mkdtempSync(join(tmpdir(), 'docdelta-follow-snap-'));
    for (const [key, list] of commits) {
      const page = key.split(':')[1]!.replace(/^docs\//, '').replace(/\.md$/, '').replaceAll('/', '__');
      mkdirSync(join(snapshots, page));
      for (const commit of list.filter((c) => Date.parse(c.date) <= until)) writeFileSync(join(snapshots, page, `${commit.date.replace(/[-:]/g, '')}_${commit.sha.slice(0, 8)}.md`), commit.content);
    }
    await buildFeed(snapshotVersions(snapshots, 'https://www.django-rest-framework.org/{path}/'), { out: feedFolder, title: 'DRF', now: () => new Date(until) });
  }

  const renderedText = async (markdown: string | null) => {
    await reference.setContent(`<article>${markdownToHtml(markdown ?? '')}</article>`);
    return visibleArticleText(reference, [...drf.contentRoots, ...genericContentRoots], ignoreSelector(drf));
  };
  const changedFiles = () => [...commits.keys()].map((key) => key.split(':')[1]!).filter((file) => fileAt(commits, file, followedAt) !== fileAt(commits, file, followedAt + 7 * DAY));

  /**
   * Opens the changes page on the followed site's week and checks it lists exactly the pages of
   * `expected` (by address), each with the words its reference diff counts (2% or 2 words apart).
   */
  async function expectWeekToShow(expected: ReadonlyMap<string, ReturnType<typeof referenceFromRendered>>): Promise<Tab> {
    const changes = await browser.openExtensionPage('changes.html');
    await until(async () => (await changes.evaluate((css) => document.querySelectorAll(`${css} .page`).length, SECTION)) > 0, 'the followed site\'s pages');
    const rows = await changes.evaluate((css) => [...document.querySelectorAll(`${css} .page`)].map((row) => ({
      url: row.querySelector('a.title')?.getAttribute('href') ?? '',
      counts: row.querySelector('.counts')?.textContent ?? '',
    })), SECTION);
    expect(rows.map((row) => row.url).sort()).toEqual([...expected.keys()].sort());
    for (const [url, diff] of expected) {
      const [added, removed] = (/^\+(\d+) −(\d+) words/.exec(rows.find((row) => row.url === url)!.counts) ?? []).slice(1).map(Number);
      for (const [shown, words] of [[added!, wordCount(diff.added)], [removed!, wordCount(diff.removed)]] as const) {
        expect(Math.abs(shown - words), `${url}: ${shown} shown, ${words} in the reference`).toBeLessThanOrEqual(Math.max(2, words * 0.02));
      }
    }
    return changes;
  }

  test('the popup follows the site at the reader\'s click, and nothing was asked of GitHub before it', async () => {
    expect(github.requests).toEqual([]);
    followedAt = Date.now();
    commits = drfSourceCommits(followedAt - REAL_WEEK_START);
    for (const [key, list] of commits) github.commits.set(key, list);
    github.clock = iso(followedAt);
    await publishFeed(followedAt);
    await setSiteFeed(browser.extension, 'django-rest-framework', `${feed.url}/index.json`);
    feed.requests.length = 0;
    const popup = await browser.openPopup(tab);
    await popup.clickControl('Follow this site');
    await until(async () => (await popup.evaluate(() => document.querySelector('.follow button')?.getAttribute('aria-pressed'))) === 'true', 'the popup to say the site is followed');
    await popup.close();
    // The click's own check: the folder's commits before and since the week before.
    await until(async () => github.requests.length >= 2, 'the first check');
    expect(github.requests.every((request) => request.path.startsWith('/repos/encode/django-rest-framework/') || request.path.startsWith('/encode/django-rest-framework/'))).toBe(true);
  });

  test('Options lists the followed site; "Tell me when pages change" is the reader\'s choice', async () => {
    const options = await browser.openExtensionPage('options.html');
    await options.waitFor('.followed-site');
    const listed = await options.evaluate(() => document.querySelector('.followed-site')?.textContent ?? '');
    expect(listed).toMatch(/^Django REST framework Following since .*GitHub checked/);
    expect(listed).toMatch(/The feed checked/);
    await options.click('.follow-notify input');
    await until(async () => (await options.evaluate(() => (document.querySelector('.follow-notify input') as HTMLInputElement | null)?.checked)) === true, 'the switch to be on');
    await options.close();
  });

  test('a week passes: checks four times a day, the background stopped between days', async () => {
    for (let hour = 1; hour <= 7 * 24; hour++) {
      const now = followedAt + hour * HOUR;
      github.clock = iso(now);
      const [before, feedBefore] = [github.requests.length, feed.requests.length];
      await runFollowChecks(browser.extension, now);
      const sent = github.requests.slice(before);
      const day = Math.floor((hour - 1) / 24);
      perDay[day] ??= { listings: 0, other: 0, feedIndex: 0 };
      perDay[day].listings += sent.filter((request) => /\/commits$/.test(request.path)).length;
      perDay[day].other += sent.filter((request) => !/\/commits$/.test(request.path)).length;
      perDay[day].feedIndex += feed.requests.slice(feedBefore).filter((path) => path === '/index.json').length;
      if (hour % 24 === 0) {
        await browser.stopBackground();
        await publishFeed(now);
      }
    }
    const changed = changedFiles();
    expect(changed.length).toBeGreaterThanOrEqual(3);
    // At most four listings a day; the rest is one request per commit, one per page it changed,
    // and one more for a page's text before its first change.
    for (const day of perDay) expect(day.listings).toBeLessThanOrEqual(4);
    // The feed's index at most hourly.
    for (const day of perDay) expect(day.feedIndex).toBeLessThanOrEqual(24);
    expect(perDay.reduce((n, day) => n + day.feedIndex, 0)).toBeGreaterThan(7 * 20);
    const inWeek = [...commits.values()].flat().filter((commit) => Date.parse(commit.date) > followedAt && Date.parse(commit.date) <= followedAt + 7 * DAY);
    const bound = new Set(inWeek.map((commit) => commit.sha)).size + inWeek.length + changed.length;
    expect(perDay.reduce((n, day) => n + day.other, 0)).toBeLessThanOrEqual(bound);
    expect(github.requests.every((request) => request.path.includes('encode/django-rest-framework'))).toBe(true);
    // The reader was told.
    // The reader was told on the day of the last change, once.
    const lastChange = Math.max(...[...commits.values()].flat().map((commit) => Date.parse(commit.date)).filter((time) => time <= followedAt + 7 * DAY));
    const { value: state } = (await browser.message({ type: 'options-state', payload: {} })) as { value: { follows: Array<{ notifiedAt: number | null }> } };
    expect(state.follows[0]!.notifiedAt).toBeGreaterThan(lastChange);
    expect(state.follows[0]!.notifiedAt).toBeLessThanOrEqual(lastChange + 6 * HOUR);
    // Firefox without a desktop shows its notices for a moment only; Chromium keeps them listed.
    if (scenario.browser === 'chromium') expect(Object.keys(await browser.extension.evaluate(() => chrome.notifications.getAll()))).toEqual(['docdelta-follow:django-rest-framework']);
  });

  // Chromium's extension events can be fired as the browser fires them; Firefox's cannot be reached from a test.
  test.skipIf(scenario.browser !== 'chromium')(`clicking the notice opens the site's week${scenario.browser === 'chromium' ? '' : ' [not in firefox: a test cannot fire its notification events]'}`, async () => {
    const week = await browser.tabOpenedBy(() => browser.extension.evaluate(() => {
      (chrome.notifications.onClicked as unknown as { dispatch: (id: string) => void }).dispatch('docdelta-follow:django-rest-framework');
    }), new URL('/changes.html?period=7&site=django-rest-framework', browser.extensionOrigin).href);
    await week.waitFor(SECTION);
    expect(await week.evaluate(() => (document.querySelector('header select') as HTMLSelectElement).value)).toBe('7');
    expect(await browser.extension.evaluate(async () => Object.keys(await chrome.notifications.getAll()))).toEqual([]);
    await week.close();
  });

  test('the site\'s week lists exactly the pages the commits changed, with the words a diff of the rendered pages counts', async () => {
    const changed = changedFiles();
    const expected = new Map<string, ReturnType<typeof referenceFromRendered>>();
    for (const file of changed) expected.set(drf.github!.pageOf(file)!, referenceFromRendered(await renderedText(fileAt(commits, file, followedAt)), await renderedText(fileAt(commits, file, followedAt + 7 * DAY))));
    const changes = await expectWeekToShow(expected);
    // The badge of a tab with nothing of its own counts the followed pages that changed.
    expect(await browser.badge(tab)).toBe(String(changed.length));

    await changes.clickControl('Mark all as seen', SECTION);
    await until(async () => (await changes.evaluate((css) => document.querySelector(`${css} .site-summary`)?.textContent ?? '', SECTION)) === 'No page changed in this period.', 'the site to have nothing new');
    await until(async () => (await browser.badge(tab)) === '', 'the badge to clear');
    await changes.close();
  });

  test('unfollowed in Options: no request to GitHub after it', async () => {
    const options = await browser.openExtensionPage('options.html');
    await options.clickControl('Unfollow Django REST framework');
    await until(async () => (await options.evaluate(() => document.querySelector('.followed-sites') === null)), 'Options to list no followed site');
    await options.close();
    const [before, feedBefore] = [github.requests.length, feed.requests.length];
    for (let hour = 7 * 24 + 1; hour <= 9 * 24; hour += 3) await runFollowChecks(browser.extension, followedAt + hour * HOUR);
    expect(github.requests.length).toBe(before);
    expect(feed.requests.length).toBe(feedBefore);
  });

  // The Internet Archive, turned on for the site in Options, on the week from 14 Oct 2016 of the
  // corpus's served deploys (five pages deployed anew, four reading differently by the week's end),
  // replayed as the archive's captures from the moment the reader follows again.
  test('the Internet Archive turned on in Options: once a day, exactly the pages whose captures changed, with the words a diff counts', async () => {
    const ARCHIVE_WEEK_START = Date.parse('2016-10-14T12:33:49Z');
    await forgetEverything(browser.extension);
    await setSiteFeed(browser.extension, 'django-rest-framework', null);
    github.commits.clear();
    // A repository whose docs folder has not changed in years: GitHub has nothing to add.
    github.commits.set('encode/django-rest-framework:docs/index.md', [{ sha: 'f'.repeat(40), date: '2016-01-01T00:00:00Z', message: 'Docs', content: '# Django REST framework' }]);
    const startedAt = Date.now();
    const shift = startedAt - ARCHIVE_WEEK_START;
    const stamp = (date: string) => new Date(Date.parse(date) + shift).toISOString().replace(/\D/g, '').slice(0, 14);
    const pages = loadCorpus();
    github.captures.clear();
    for (const page of pages) github.captures.set(page.url, page.versions.filter((v) => Date.parse(v.date) + shift <= startedAt + 8 * DAY).map((v) => ({ timestamp: stamp(v.date), digest: createHash('sha1').update(readHtml(v)).digest('hex').toUpperCase().replace(/[^A-Z2-7]/g, 'Q').slice(0, 32), body: readHtml(v) })));
    github.clock = iso(startedAt);
    const popup = await browser.openPopup(tab);
    await popup.clickControl('Follow this site');
    await until(async () => (await popup.evaluate(() => document.querySelector('.follow button')?.getAttribute('aria-pressed'))) === 'true', 'the popup to say the site is followed');
    await popup.close();
    const options = await browser.openExtensionPage('options.html');
    await options.waitFor('.follow-archive input');
    const before = github.requests.length;
    await options.click('.follow-archive input');
    await until(async () => (await options.evaluate(() => (document.querySelector('.follow-archive input') as HTMLInputElement | null)?.checked)) === true, 'the archive to be on');
    await options.close();
    // Nothing is asked of the archive before its check is due.
    expect(github.requests.slice(before).filter((request) => request.host === 'web.archive.org')).toEqual([]);
    const listings: number[] = [];
    // A week and the archive's first check after it (it checks once a day, from an hour in).
    const end = startedAt + 7 * DAY + HOUR;
    for (let hour = 0; startedAt + hour * HOUR <= end; hour++) {
      const now = startedAt + hour * HOUR;
      github.clock = iso(now);
      const sent = github.requests.length;
      await runFollowChecks(browser.extension, now);
      const day = Math.floor(hour / 24);
      listings[day] = (listings[day] ?? 0) + github.requests.slice(sent).filter((request) => request.host === 'web.archive.org' && request.query.includes('matchType=prefix')).length;
      if (hour % 24 === 12) await browser.stopBackground();
    }
    // At most once a day.
    expect(listings.every((count) => count <= 1)).toBe(true);
    // Its first check an hour after it was turned on, then every 24 hours: eight in the 169 hours.
    expect(listings.reduce((n, count) => n + count, 0)).toBe(8);
    const htmlText = async (html: string) => {
      await reference.setContent(html);
      return visibleArticleText(reference, [...drf.contentRoots, ...genericContentRoots], ignoreSelector(drf));
    };
    const at = (page: (typeof pages)[number], time: number) => page.versions.filter((v) => Date.parse(v.date) + shift <= time).at(-1)!;
    const expected = new Map<string, ReturnType<typeof referenceFromRendered>>();
    for (const page of pages) {
      const [a, b] = [at(page, startedAt), at(page, end)];
      if (a === b) continue;
      const diff = referenceFromRendered(await htmlText(readHtml(a)), await htmlText(readHtml(b)));
      if (diff.added.length + diff.removed.length + diff.moved.length > 0) expected.set(page.url, diff);
    }
    expect(expected.size).toBeGreaterThanOrEqual(3);
    await (await expectWeekToShow(expected)).close();
  });
});
