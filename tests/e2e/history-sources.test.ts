import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ARCHIVE_HOSTS, ArchiveServer } from '../../harness/archive-server';
import { overlayText } from '../../harness/layer-reader';
import { forgetEverything, timelineOf } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, sleep, type Harness, type Tab } from '../../harness/harness';
import { until } from '../../harness/until';
import { popupMissesPromptAnswer } from '../support/prompt-closes-popup';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { ignoreSelector } from '../../lib/sites/find-site';
import { genericContentRoots } from '../../lib/sites/generic-docs';
import { loadCorpus, readHtml, type CorpusPage, type CorpusVersion } from '../support/corpus';
import { markdownToHtml } from '../support/markdown-html';
import { probeOverlay, visibleArticleText } from '../support/page-probe';
import { scenario } from '../support/scenario';
import { scoreOverlay, words } from '../support/word-accuracy';
import { referenceFromRendered } from '../support/moved-reference';

// A first visit to a page DocDelta has never seen, whose history only the archives hold: the
// DRF corpus served as the Internet Archive (CDX API, `id_` captures) and GitHub (commits API,
// raw files) serve theirs, at their real https hostnames (harness/archive-server.ts, with the
// test certificate of harness/tls). The reader's click in the popup is what sends anything.

declare const chrome: { permissions: { getAll: () => Promise<unknown>; remove: (permissions: unknown) => Promise<boolean> } };

const drf = builtinSites.find((site) => site.id === 'django-rest-framework')!;
const corpus = loadCorpus();
/** The Django REST framework row of Options → Sites. */
const DRF_ROW = 'li.site:has(#feed-django-rest-framework)';
const ARCHIVE_BUTTON = 'Get this page\'s history from The Internet Archive';
const GITHUB_BUTTON = 'Get this page\'s history from GitHub (encode/django-rest-framework)';

/** A "not found" page a site served with status 200, as archives keep them. */
const NOT_FOUND_PAGE = '<html><head><title>Not found</title></head><body><main><h1>Page not found</h1><p>Sorry, this page does not exist. Check the address, or search the documentation for what you need.</p></main></body></html>';
const timestampOf = (stem: string) => stem.slice(0, 15).replace('T', '');
const digestOf = (text: string) => createHash('sha1').update(text).digest('hex').toUpperCase().replace(/[^A-Z2-7]/g, 'Q').slice(0, 32);
/** The address the browser opens: the fixture server answers plain http under the real docs host. */
const addressOf = (page: CorpusPage) => page.url.replace(/^https:/, 'http:');

/** Every capture of the page up to `current`, as the archive lists them (keyed by the address asked). */
function captures(page: CorpusPage, current: CorpusVersion) {
  return page.versions.filter((v) => v.date <= current.date).map((v) => ({ timestamp: timestampOf(v.stem), digest: digestOf(readHtml(v)), body: readHtml(v) }));
}

/** Every commit of the page's markdown source up to `current`, newest first as the API lists them. */
function commits(page: CorpusPage, current: CorpusVersion) {
  return page.versions.filter((v) => v.markdownPath && v.date <= current.date).map((v) => ({
    sha: createHash('sha1').update(v.stem).digest('hex'), date: v.date.replace(/\.\d+Z$/, 'Z'), message: `Docs: ${v.stem}`, content: readFileSync(v.markdownPath!, 'utf8'),
  })).reverse();
}

describe('history from the archives on a first visit, at the reader\'s click', () => {
  let docs: FixtureServer;
  let archives: ArchiveServer;
  let browser: Harness;
  let reference: Tab;

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    archives = await new ArchiveServer().start({ tls: true });
    browser = await launchHarness(scenario.browser, { port: docs.port, hosts: ['www.django-rest-framework.org'], grantSites: true, tls: { port: archives.port, hosts: ARCHIVE_HOSTS } });
    reference = await browser.newTab();
  });

  afterAll(async () => {
    await browser?.close();
    await archives?.stop();
    await docs?.stop();
  });

  const textOf = async (html: string) => {
    await reference.setContent(html);
    return visibleArticleText(reference, [...drf.contentRoots, ...genericContentRoots], ignoreSelector(drf));
  };
  const markdownText = (path: string) => textOf(`<article>${markdownToHtml(readFileSync(path, 'utf8'))}</article>`);

  /** The text a reader would call the previous version: the newest of `earlier` reading differently from `current`. */
  async function previousReading(earlier: readonly CorpusVersion[], read: (v: CorpusVersion) => Promise<string>, current: string): Promise<string> {
    for (const version of [...earlier].reverse()) {
      const text = await read(version);
      if (words(text).join(' ') !== words(current).join(' ')) return text;
    }
    throw new Error('no earlier version reads differently');
  }

  /** A first visit to `page` showing `current`: nothing to compare with, and no archive asked. */
  async function firstVisit(page: CorpusPage, current: CorpusVersion): Promise<Tab> {
    await forgetEverything(browser.extension);
    archives.requests.length = 0;
    archives.override = null;
    docs.pages.set(new URL(addressOf(page)).pathname, readHtml(current));
    const tab = await browser.newTab();
    expect(await browser.visit(tab, addressOf(page))).toBe('');
    return tab;
  }

  /** The reader opens the popup and clicks `button`; returns what the popup then says of it. */
  async function clickInPopup(tab: Tab, button: string): Promise<{ popup: Tab; said: string }> {
    const popup = await browser.openPopup(tab);
    await popup.clickControl(button);
    await popup.waitFor('.history-status');
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
      const said = await popup.evaluate(() => document.querySelector('.history-status')?.textContent ?? '');
      if (said && !said.startsWith('Asking')) return { popup, said };
    }
    throw new Error('the popup never said how the request went');
  }

  /** The overlay shows what a word diff of the two readings expects (moved passages known), at the feeds' bar. */
  async function expectOverlayToShow(tab: Tab, previous: string, current: string) {
    const expected = referenceFromRendered(previous, current);
    expect(expected.added.length + expected.removed.length + expected.moved.length).toBeGreaterThan(0);
    let scores = scoreOverlay(await probeOverlay(tab.page), expected);
    // The overlay is redrawn once the background stored the versions: wait for it, not for a time.
    for (const deadline = Date.now() + 30_000; scores.added.recall < 0.98 && Date.now() < deadline; await sleep(200)) scores = scoreOverlay(await probeOverlay(tab.page), expected);
    for (const score of [scores.added, scores.removed]) {
      expect(score.precision).toBeGreaterThanOrEqual(0.98);
      expect(score.recall).toBeGreaterThanOrEqual(0.98);
    }
  }

  /** Firefox's data-collection permissions granted to DocDelta (Chromium has none). */
  const dataCollection = () => browser.extension.evaluate(async () => ((await chrome.permissions.getAll()) as { data_collection?: string[] }).data_collection ?? []);

  const rounds = ['api-guide__permissions', 'tutorial__1-serialization'].map((slug) => corpus.find((p) => p.slug === slug)!);

  test.each(rounds.map((page) => [page.slug, page] as const))('the Internet Archive: %s shows its changes since the capture before today\'s', async (_slug, page) => {
    const current = page.versions.at(-1)!;
    const tab = await firstVisit(page, current);
    archives.captures.clear();
    archives.captures.set(addressOf(page), captures(page, current));
    // Consent first: opening the page and the popup sent nothing to any archive.
    await browser.openPopup(tab).then((popup) => popup.close());
    expect(archives.requests).toEqual([]);
    const consentBefore = await dataCollection();
    const { popup, said } = await clickInPopup(tab, ARCHIVE_BUTTON);
    if (scenario.browser === 'firefox') {
      // Firefox asked at the same click for what the request sends (its prompt answered yes by the test profile).
      if (page === rounds[0]) expect(consentBefore).not.toContain('browsingActivity');
      expect(await dataCollection()).toContain('browsingActivity');
    }
    expect(said).toMatch(/^\d+ versions from The Internet Archive\./);
    expect(new Set(archives.requests.map((request) => request.host))).toEqual(new Set(['web.archive.org']));
    const currentText = await textOf(readHtml(current));
    await expectOverlayToShow(tab, await previousReading(page.versions.slice(0, -1), (v) => textOf(readHtml(v)), currentText), currentText);
    expect(await overlayText(tab.page, '.section')).toContain('since the Internet Archive\'s capture of');
    const badge = await browser.badge(tab);
    expect(badge).not.toBe('');
    // Still the first visit: opened again, the page shows the same changes.
    expect(await browser.visit(tab, addressOf(page))).toBe(badge);
    const timeline = await timelineOf(browser.extension, addressOf(page));
    expect(timeline.filter((entry) => entry.source === 'archive').length).toBeGreaterThan(1);
    // The popup now offers what is older.
    await popup.close();
    const again = await browser.openPopup(tab);
    await again.waitFor('.history button');
    expect(await again.evaluate(() => [...document.querySelectorAll('.history button')].map((b) => b.textContent))).toContain('Older versions from The Internet Archive');
    await again.close();
    await tab.close();
  });

  test('the prompt closing the popup (as Firefox\'s can) loses nothing: the history the click asked for still comes', async () => {
    const page = rounds[1]!;
    const current = page.versions.at(-1)!;
    const tab = await firstVisit(page, current);
    archives.captures.clear();
    archives.captures.set(addressOf(page), captures(page, current));
    // Firefox asks again for what the click needs (Chromium's test build holds the archives' hosts).
    if (scenario.browser === 'firefox') {
      await browser.extension.evaluate(() => chrome.permissions.remove({ origins: ['https://web.archive.org/*'], data_collection: ['browsingActivity'] })).catch(() => undefined);
    }
    const popup = await browser.openPopup(tab);
    await popupMissesPromptAnswer(popup);
    await popup.clickControl(ARCHIVE_BUTTON);
    await popup.close();
    await until(async () => (await timelineOf(browser.extension, addressOf(page))).some((entry) => entry.source === 'archive'), 'the captures the click asked for to be stored');
    expect(new Set(archives.requests.map((request) => request.host))).toEqual(new Set(['web.archive.org']));
    // The tab shows the changes since the capture before today's, with no popup left to ask for it.
    await until(async () => /^\d+$/.test(await browser.badge(tab)), 'the tab to show the changes');
    await tab.close();
  });

  test.each(rounds.map((page) => [page.slug, page] as const))('GitHub: %s shows its changes since the commit before the deployed one', async (_slug, page) => {
    const withSource = page.versions.filter((v) => v.markdownPath);
    const current = withSource.at(-1)!;
    const tab = await firstVisit(page, current);
    archives.commits.clear();
    const file = drf.github!.files(new URL(page.url))[0]!;
    archives.commits.set(`encode/django-rest-framework:${file}`, commits(page, current));
    expect(archives.requests).toEqual([]);
    const { said } = await clickInPopup(tab, GITHUB_BUTTON);
    expect(said).toMatch(/^\d+ versions from GitHub\./);
    expect(archives.requests.every((request) => request.host === 'api.github.com' || request.host === 'raw.githubusercontent.com')).toBe(true);
    const currentText = await markdownText(current.markdownPath!);
    await expectOverlayToShow(tab, await previousReading(withSource.slice(0, -1), (v) => markdownText(v.markdownPath!), currentText), await textOf(readHtml(current)));
    expect(await overlayText(tab.page, '.section')).toContain('since the docs\' source as committed on');
    await tab.close();
  });

  test('a tag GitHub made for this reader never goes back to it, not even from the browser\'s own cache', async () => {
    const page = rounds[0]!;
    const current = page.versions.filter((v) => v.markdownPath).at(-1)!;
    archives.commits.clear();
    archives.commits.set(`encode/django-rest-framework:${drf.github!.files(new URL(page.url))[0]!}`, commits(page, current));
    // A tracking server: a tag of its own for each reader, and "ask me again each time" so that
    // a browser's cache revalidates with the tag it kept.
    archives.tagOf = () => '"reader-7f3a91"';
    archives.cacheControl = 'no-cache';
    archives.validatorsSent.length = 0;
    try {
      for (const round of [1, 2]) {
        // The reader clears DocDelta's data in between; the browser's HTTP cache is not DocDelta's to clear.
        const tab = await firstVisit(page, current);
        const { said } = await clickInPopup(tab, GITHUB_BUTTON);
        expect(said, `round ${round}`).toMatch(/^\d+ versions from GitHub\./);
        expect(archives.requests.filter((request) => request.host === 'api.github.com').length, `round ${round}`).toBeGreaterThan(0);
        await tab.close();
      }
    } finally {
      archives.tagOf = null;
      archives.cacheControl = null;
    }
    expect(archives.validatorsSent).toEqual([]);
  });

  test('"always" in Options: a first visit to the site\'s pages brings their history in without the popup', async () => {
    const page = rounds[1]!;
    const current = page.versions.at(-1)!;
    await forgetEverything(browser.extension);
    archives.captures.clear();
    archives.captures.set(addressOf(page), captures(page, current));
    archives.requests.length = 0;
    archives.override = null;
    const options = await browser.openExtensionPage('options.html');
    const always = 'Always ask GitHub (encode/django-rest-framework) on a first visit';
    const archiveAlways = 'Always ask The Internet Archive on a first visit';
    await options.clickControl(archiveAlways, DRF_ROW);
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(100)) {
      if (await options.evaluate((row) => document.querySelector(`${row} .history-switch:last-child [role="switch"]`)?.getAttribute('aria-checked'), DRF_ROW) === 'true') break;
    }
    expect(await options.evaluate((row) => [...document.querySelectorAll(`${row} .history-switch [role="switch"]`)].map((control) => `${control.textContent}: ${control.getAttribute('aria-checked')}`), DRF_ROW))
      .toEqual([`${always}: false`, `${archiveAlways}: true`]);
    await options.close();
    expect(archives.requests).toEqual([]);
    docs.pages.set(new URL(addressOf(page)).pathname, readHtml(current));
    const tab = await browser.newTab();
    await browser.visit(tab, addressOf(page));
    // Asked after the visit was answered: the overlay follows once the captures are stored.
    const currentText = await textOf(readHtml(current));
    await expectOverlayToShow(tab, await previousReading(page.versions.slice(0, -1), (v) => textOf(readHtml(v)), currentText), currentText);
    expect(new Set(archives.requests.map((request) => request.host))).toEqual(new Set(['web.archive.org']));
    await tab.close();

    // A page whose archive fails is asked about once, not again on every reload.
    const failing = rounds[0]!;
    docs.pages.set(new URL(addressOf(failing)).pathname, readHtml(failing.versions.at(-1)!));
    archives.requests.length = 0;
    archives.override = ({ path }, response) => {
      if (!path.startsWith('/cdx/')) return false;
      response.writeHead(500).end();
      return true;
    };
    const listings = () => archives.requests.filter((request) => request.path.startsWith('/cdx/')).length;
    const again = await browser.newTab();
    await browser.visit(again, addressOf(failing));
    for (const deadline = Date.now() + 20_000; listings() === 0 && Date.now() < deadline; await sleep(100));
    expect(listings()).toBe(1);
    for (let reload = 0; reload < 3; reload++) await browser.visit(again, addressOf(failing));
    // Long enough for a lookup after the last reload's answer to have been sent (it was, at once, before).
    await sleep(1_500);
    expect(listings()).toBe(1);
    archives.override = null;
    await again.close();
  });

  test('the changes page: every page of the docs folder that changed in the last 30 days, from the repository, words on demand', async () => {
    const page = rounds[0]!;
    await firstVisit(page, page.versions.at(-1)!);
    // The corpus's seven pages as one repository, their history moved so its newest commit was two days ago.
    const newest = Math.max(...corpus.flatMap((p) => p.versions.filter((v) => v.markdownPath).map((v) => Date.parse(v.date))));
    const shift = Date.now() - 2 * 24 * 3600_000 - newest;
    const since = Date.now() - 30 * 24 * 3600_000;
    archives.commits.clear();
    const changed: string[] = [];
    for (const p of corpus) {
      const file = drf.github!.files(new URL(p.url))[0]!;
      const list = commits(p, p.versions.at(-1)!).map((c) => ({ ...c, date: new Date(Date.parse(c.date) + shift).toISOString().replace(/\.\d+Z$/, 'Z') }));
      archives.commits.set(`encode/django-rest-framework:${file}`, list);
      if (list.some((c) => Date.parse(c.date) >= since) && list.some((c) => Date.parse(c.date) < since)) changed.push(p.url);
    }
    expect(changed.length).toBeGreaterThan(0);
    const changes = await browser.openExtensionPage('changes.html');
    await changes.clickControl('What changed in encode/django-rest-framework in the last 30 days');
    await changes.waitFor('.repository-files li');
    const summary = await changes.evaluate(() => document.querySelector('.repository .site-summary')?.textContent ?? '');
    expect(summary).toMatch(new RegExp(`^${changed.length} pages? changed in the last 30 days \\(\\d+ commits?\\)\\.$`));
    expect((await changes.evaluate(() => [...document.querySelectorAll('.repository-files a')].map((a) => a.getAttribute('href')))).sort()).toEqual(changed.sort());
    expect(archives.requests.map((r) => r.path.split('/')[4])).toEqual(['commits', 'commits', 'compare']);
    await changes.clickControl(/^Count the words changed in /);
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(100)) {
      if (/^\+\d+ −\d+ words$/.test(await changes.evaluate(() => document.querySelector('.repository-files .words')?.textContent ?? ''))) break;
    }
    expect(await changes.evaluate(() => document.querySelector('.repository-files .words')?.textContent)).toMatch(/^\+\d+ −\d+ words$/);
    expect(archives.requests.filter((r) => r.host === 'raw.githubusercontent.com')).toHaveLength(2);
    await changes.close();
  });

  test('what goes wrong is said in plain words in the popup, and nothing is stored', async () => {
    const page = rounds[0]!;
    const current = page.versions.at(-1)!;
    const cases: Array<{ what: string; answer: (request: { host: string; path: string }, response: import('node:http').ServerResponse) => boolean; says: RegExp }> = [
      {
        what: 'no capture',
        answer: ({ path }, response) => path.startsWith('/cdx/') && (response.writeHead(200, { 'content-type': 'application/json' }).end('[]'), true),
        says: /^The Internet Archive has no capture of this page\.$/,
      },
      {
        what: '404',
        answer: ({ path }, response) => path.startsWith('/cdx/') && (response.writeHead(404).end('Not Found'), true),
        says: /could not list this page's captures \(it answered not found\)/,
      },
      {
        what: 'a malformed CDX line',
        answer: ({ path }, response) => path.startsWith('/cdx/') && (response.writeHead(200).end('[["timestamp","original","digest","statuscode"],["20260301185926"]]'), true),
        says: /list of captures could not be read .*nothing was stored/,
      },
      {
        // What the archive saved at the address with status 200: an error page, not the article.
        what: 'a capture that is another page',
        answer: ({ path }, response) => path.startsWith('/web/') && (response.writeHead(200, { 'content-type': 'text/html' }).end(NOT_FOUND_PAGE), true),
        says: /capture of .* is a different page/,
      },
      {
        what: 'an answer far too large',
        answer: ({ path }, response) => path.startsWith('/cdx/') && (response.writeHead(200, { 'content-type': 'application/json' }).end(`[["timestamp","original","digest","statuscode"]${',["20260301185926","x","y","200"]'.repeat(40_000)}]`), true),
        says: /too large|more than/i,
      },
      {
        // Last: the archive's pause holds for every later request to it.
        what: '429 with Retry-After',
        answer: ({ path }, response) => path.startsWith('/cdx/') && (response.writeHead(429, { 'retry-after': '3600' }).end(), true),
        says: /^The Internet Archive is busy; try again after \d{1,2}:\d{2}/,
      },
    ];
    const tab = await firstVisit(page, current);
    archives.captures.clear();
    archives.captures.set(addressOf(page), captures(page, current));
    for (const { what, answer, says } of cases) {
      archives.override = answer;
      const { popup, said } = await clickInPopup(tab, ARCHIVE_BUTTON);
      expect(said, what).toMatch(says);
      expect(await popup.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? ''), what).toBe(said);
      expect(await timelineOf(browser.extension, addressOf(page)), what).toHaveLength(1);
      expect(await browser.badge(tab), what).toBe('');
      await popup.close();
    }
    // Paused: the next click sends nothing at all.
    const asked = archives.requests.length;
    const { said } = await clickInPopup(tab, ARCHIVE_BUTTON);
    expect(said).toMatch(/^The Internet Archive asked DocDelta to wait; try again after/);
    expect(archives.requests).toHaveLength(asked);
    await tab.close();
  });
});
