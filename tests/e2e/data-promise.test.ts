import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildMarkdownFeed } from '../support/corpus-feed';
import { loadCorpus, readHtml } from '../support/corpus';
import { lastFeedSyncAt } from '../../harness/extension-state';
import { launchHarness, type Harness } from '../../harness/harness';
import { FixtureServer } from '../../harness/fixture-server';
import { loggedRequests, type LoggedRequest } from '../../harness/net-log';
import { serveFolder } from '../../harness/static-server';
import { scenario, testWhere } from '../support/scenario';

// product.md's data promise: DocDelta sends nothing anywhere but the feeds the reader set.
// The browser's own network log of a whole session is the witness: it records what every
// page, the service worker and the browser itself asked for, sent or not. Only Chromium keeps
// such a log; in Firefox the session runs and the log's checks say why they are skipped.
const corpus = loadCorpus();
const fromFeed = corpus.find((p) => p.slug === 'api-guide__pagination')!;
const notInFeed = corpus.find((p) => p.slug === 'api-guide__fields')!;
const DOCS_HOST = 'www.django-rest-framework.org';
const httpUrl = (url: string) => url.replace(/^https:/, 'http:');

describe('a whole session with a feed configured', () => {
  let docs: FixtureServer;
  let feed: Awaited<ReturnType<typeof serveFolder>>;
  let browser: Harness;
  let extensionOrigin = '';
  let requests: LoggedRequest[] = [];
  const netLog = join(mkdtempSync(join(tmpdir(), 'docdelta-netlog-')), 'session.json');

  beforeAll(async () => {
    feed = await serveFolder(await buildMarkdownFeed(fromFeed));
    docs = await new FixtureServer().start();
    for (const page of [fromFeed, notInFeed]) docs.pages.set(new URL(page.url).pathname, readHtml(page.versions.at(-1)!));
    browser = await launchHarness(scenario.browser, { port: docs.port, hosts: [DOCS_HOST], netLog });
    extensionOrigin = browser.extensionOrigin;
  });

  afterAll(async () => {
    await docs?.stop();
    await feed?.close();
  });

  test('the reader\'s session: a feed set in Options, two pages read, the popup, Sync now, the changes page', async () => {
    // The reader's session: set the feed in Options, read two pages (one the feed knows), look
    // at the popup, sync by hand, and open the changes page.
    const options = await browser.openExtensionPage('options.html');
    const drf = 'li.site:has(#feed-django-rest-framework)';
    await options.fill('#feed-django-rest-framework', `${feed.url}/index.json`);
    await options.clickControl('Save feed', drf);
    const tab = await browser.newTab();
    for (const page of [fromFeed, notInFeed]) {
      const before = Date.now();
      await browser.visit(tab, httpUrl(page.url));
      await expect.poll(() => lastFeedSyncAt(browser.extension)).toBeGreaterThanOrEqual(before);
    }
    const popup = await browser.openPopup(tab);
    await popup.waitFor('.timeline li');
    await options.clickControl('Sync now', drf);
    await expect.poll(() => options.evaluate(() => document.querySelector('.status')?.textContent ?? '')).toMatch(/2 pages checked/);
    const changes = await browser.openExtensionPage('changes.html');
    await expect.poll(() => changes.evaluate(() => [...document.querySelectorAll('h1, h2, h3')].map((heading) => heading.textContent))).toContain('Django REST framework');
    await browser.close();
    if (!scenario.can.netLog) return;
    requests = loggedRequests(netLog);
  });

  const web = () => requests.filter((request) => /^(https?|wss?):/.test(request.url));

  testWhere('netLog', 'the log saw the session: the reader\'s pages and the feed', () => {
    expect(web().some((request) => request.url.startsWith(feed.url))).toBe(true);
    expect(web().some((request) => new URL(request.url).host === DOCS_HOST)).toBe(true);
  });

  testWhere('netLog', 'what the reader\'s pages asked for is their own: on their host, or named in their HTML', () => {
    const html = [fromFeed, notInFeed].map((page) => readHtml(page.versions.at(-1)!).replaceAll('&amp;', '&')).join('\n');
    const fromPages = web().filter((request) => request.initiator === `http://${DOCS_HOST}`);
    expect(fromPages.length).toBeGreaterThan(0);
    // A content script's requests would carry the page's origin: none is of DocDelta's making.
    expect(fromPages.filter((request) => new URL(request.url).host !== DOCS_HOST && !html.includes(request.url) && !html.includes(decodeURI(request.url)))).toEqual([]);
  });

  testWhere('netLog', 'every other request is the browser\'s own (no page or extension asked for it)', () => {
    const rest = web().filter((request) => request.initiator !== `http://${DOCS_HOST}` && !request.url.startsWith(`${feed.url}/`) && new URL(request.url).host !== DOCS_HOST);
    expect(rest.filter((request) => request.initiator !== null && request.initiator !== 'not an origin')).toEqual([]);
  });

  testWhere('netLog', 'everything DocDelta itself asked for was on the feed host', () => {
    const byExtension = web().filter((request) => request.initiator?.startsWith(extensionOrigin));
    expect(byExtension.length).toBeGreaterThan(0);
    expect(byExtension.filter((request) => !request.url.startsWith(`${feed.url}/`))).toEqual([]);
  });
});
