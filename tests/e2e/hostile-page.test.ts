import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickInOverlay, ghostCount } from '../../harness/layer-reader';
import { ageViews, setSiteFeed, storedPages } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { until } from '../../harness/until';
import { launchHarness, sleep, type Harness, type Tab } from '../../harness/harness';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import {
  attemptToDriveDocDelta, clobberedPage, everythingInPage, extensionFilesReached, hostileLivePage, hostilePageUrl, inspectForMarkup,
  pushStateFlood, serveHostileFeed, tamperWithOverlay, TRAP, whatDocDeltaShows, whatThePageCanRead,
} from '../support/hostile';
import { scenario, testWhere } from '../support/scenario';

// A page cannot drive DocDelta or reach its files, and text an attacker controls (a feed, or the
// page itself) is only ever text, everywhere DocDelta shows text.
const corpusPage = loadCorpus().find((p) => p.slug === 'api-guide__permissions')!;
const pair = pairWithChanges(corpusPage, 3);
const url = corpusPage.url.replace(/^https:/, 'http:');
/** The newer version, with names that clobber the globals an extension might look for. */
const clobbered = clobberedPage(pair.after);

describe('hostile pages and hostile text', () => {
  let docs: FixtureServer;
  let feed: Awaited<ReturnType<typeof serveHostileFeed>>;
  let browser: Harness;
  let tab: Tab;
  const permissionsPage = async () => (await storedPages(browser.extension)).find((page) => page.key.includes('permissions'))!;

  beforeAll(async () => {
    feed = await serveHostileFeed();
    docs = await new FixtureServer().start();
    // The attacker's host answers here too, so a request to it would be on record.
    browser = await launchHarness(scenario.browser, { port: docs.port, hosts: ['www.django-rest-framework.org', 'attacker.example'] });
    tab = await browser.newTab();
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
    await feed?.close();
  });

  test("a page naming another page of its site as its canonical writes only its own history", async () => {
    const victim = 'http://www.django-rest-framework.org/api-guide/canonical-victim/';
    const attacker = 'http://www.django-rest-framework.org/api-guide/canonical-claim/';
    docs.pages.set(new URL(victim).pathname, readHtml(pair.before));
    await browser.visit(tab, victim);
    await ageViews(browser.extension, 2 * 24 * 3600e3);
    // Another page of the same site, with other text, says it is the victim page.
    docs.pages.set(new URL(attacker).pathname, readHtml(pair.after).replace(/<head[^>]*>/i, `$&<link rel="canonical" href="${victim}">`));
    await browser.visit(tab, attacker);
    const keys = (await storedPages(browser.extension)).map((page) => page.key);
    expect(keys).toContain('www.django-rest-framework.org/api-guide/canonical-claim');
    // The reader opens the victim page again, unchanged: nothing is shown as changed.
    expect(await browser.visit(tab, victim)).toBe('');
    expect(await ghostCount(tab.page)).toBe(0);
  });

  describe('a hostile page cannot drive DocDelta', () => {
    beforeAll(async () => {
      docs.pages.set(new URL(url).pathname, readHtml(pair.before));
      await browser.visit(tab, url);
      await ageViews(browser.extension, 2 * 24 * 3600e3);
      docs.pages.set(new URL(url).pathname, clobbered);
      const badge = await browser.visit(tab, url);
      if (badge !== String(pair.changes)) throw new Error(`expected ${pair.changes} changes on the clobbered page, the badge says "${badge}"`);
    });

    test('messages, fake navigation events and scripted clicks on its buttons change nothing', async () => {
      const before = await storedPages(browser.extension);
      await attemptToDriveDocDelta(tab);
      // Nothing is to happen: give a wrong reaction time to show itself.
      await sleep(1500);
      // No new page, no "seen" mark, no new view: storage is as it was.
      expect(await storedPages(browser.extension)).toEqual(before);
      expect(await browser.badge(tab)).toBe(String(pair.changes));
      expect(await ghostCount(tab.page)).toBeGreaterThan(0);
    });

    test('the page can neither reach the extension\'s files nor find its address in the page', async () => {
      expect(await extensionFilesReached(tab, browser.extensionOrigin)).toEqual([]);
      const everything = await everythingInPage(tab);
      expect(everything).not.toContain('-extension://');
      expect(everything).not.toContain(new URL(browser.extensionOrigin).host);
    });

    testWhere('dynamicResourceUrls', 'the overlay\'s page, the one web-accessible file, is not served at the extension\'s fixed address: a page cannot probe for DocDelta', async () => {
      // Served under the session's own id (the frames load it so), never at the id every install shares.
      expect(await extensionFilesReached(tab, browser.extensionOrigin, ['overlay-frame.html'])).toEqual([]);
    });

    test('a page script finds none of what DocDelta shows: no old text, date or count', async () => {
      const shown = await whatDocDeltaShows(tab.page, clobbered);
      // The navigator's count, its "since" line and removed sentences: there is something to find.
      expect(shown.length).toBeGreaterThan(2);
      const { text, openRoots } = await whatThePageCanRead(tab);
      expect(openRoots).toBe(0);
      expect(shown.filter((secret) => text.includes(secret))).toEqual([]);
    });

    test('tampering with DocDelta\'s elements breaks only them: storage untouched, the reader\'s own click still works', async () => {
      const before = await storedPages(browser.extension);
      await tamperWithOverlay(tab);
      await sleep(500);
      expect(await storedPages(browser.extension)).toEqual(before);
      // A real click (trusted input) on "Mark as seen" is the reader's, and it is honoured.
      await clickInOverlay(tab.page, 'Mark as seen');
      await expect.poll(async () => (await permissionsPage()).views.at(-1)!.mark).toBe(true);
    });

    // Last: the tab is left on a URL the script made up.
    test('a script pushing URL after URL stores at most the page it stops on; the page read before keeps its history', async () => {
      const { added, lost } = await pushStateFlood(tab, browser.extension);
      expect(added.length).toBeLessThanOrEqual(1);
      expect(lost).toEqual([]);
      // What it stored is marked as nobody's opening: the first to go when room is made.
      const stored = (await storedPages(browser.extension)).filter((page) => added.includes(page.key));
      expect(stored.every((page) => page.views.every((view) => view.unopened))).toBe(true);
    });
  });

  describe('hostile text is only ever text', () => {
    beforeAll(async () => {
      docs.pages.set(new URL(hostilePageUrl).pathname, hostileLivePage);
      await setSiteFeed(browser.extension, 'django-rest-framework', `${feed.url}/feed/index.json`);
      await tab.goto(hostilePageUrl);
      await tab.waitFor('docdelta-overlay');
      await until(async () => (await ghostCount(tab.page)) > 0, 'the removed hostile text to be drawn');
    });

    test('removed hostile text shows on the page as struck-through text: no element, no script', async () => {
      const seen = await inspectForMarkup(tab.page);
      expect(seen.pwned).toBeNull();
      expect(seen.images + seen.inlineScripts + seen.handlers).toBe(0);
      expect(seen.text).toContain('<img src="http://attacker.example/img.png"');
      expect(seen.text).toContain('<script>');
    });

    test('the popup, the changes page and the options page show it as text too', async () => {
      const popup = await browser.openPopup(tab);
      await popup.waitFor('.timeline li');
      const changes = await browser.openExtensionPage('changes.html');
      await changes.clickControl('Details', '.page');
      await changes.waitFor('.diff');
      const options = await browser.openExtensionPage('options.html');
      await options.waitFor('.site');
      for (const page of [popup, changes, options]) {
        const seen = await inspectForMarkup(page.page);
        expect(seen.pwned, page.url()).toBeNull();
        expect(seen.images + seen.inlineScripts + seen.handlers, page.url()).toBe(0);
      }
      // The page's hostile title is a title, as text.
      expect((await inspectForMarkup(changes.page)).text).toContain(`<img src=x onerror="${TRAP}">`);
    });

    test('nothing ever asked the attacker\'s host for anything', () => {
      expect(docs.requests.filter((request) => request.host.startsWith('attacker.example'))).toEqual([]);
    });
  });
});
