import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ExtensionBrowser } from '../../harness/chromium';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import { ageViews, badgeText, storedPages, visitAndSettle } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { attemptToDriveDocDelta, pushStateFlood, clobberedPage, everythingInPage, extensionFilesReached, tamperWithOverlay, whatDocDeltaShows, whatThePageCanRead } from '../support/hostile';
import { clickInOverlay } from '../../harness/closed-shadow';

const page = loadCorpus().find((p) => p.slug === 'api-guide__permissions')!;
const pair = pairWithChanges(page, 3);
const url = page.url.replace(/^https:/, 'http:');

/** The newer version, with names that clobber the globals an extension might look for. */
const clobbered = clobberedPage(pair.after);

describe('a hostile page cannot drive DocDelta (Chromium)', () => {
  let docs: FixtureServer;
  let browser: ExtensionBrowser;
  let tab: Page;

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    browser = await launchChromium({ port: docs.port, hosts: ['www.django-rest-framework.org'] });
    tab = await browser.context.newPage();
    docs.pages.set(new URL(url).pathname, readHtml(pair.before));
    await visitAndSettle(browser.worker, tab, url);
    await ageViews(browser.worker, 2 * 24 * 3600e3);
    docs.pages.set(new URL(url).pathname, clobbered);
    expect(await visitAndSettle(browser.worker, tab, url)).toBe(String(pair.changes));
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
  });

  test('messages, fake navigation events and scripted clicks on its buttons change nothing', async () => {
    const before = await storedPages(browser.worker);
    await attemptToDriveDocDelta(tab);
    await tab.waitForTimeout(1500);
    // No new page, no "seen" mark, no new view: storage is as it was.
    expect(await storedPages(browser.worker)).toEqual(before);
    expect(await badgeText(browser.worker, tab)).toBe(String(pair.changes));
    expect(await tab.evaluate(() => document.querySelectorAll('docdelta-removed').length)).toBeGreaterThan(0);
  });

  test('the page can neither reach the extension\'s files nor find its address in the page', async () => {
    const reached = await extensionFilesReached(tab, `chrome-extension://${browser.extensionId}`);
    expect(reached).toEqual([]);
    const everything = await everythingInPage(tab);
    expect(everything).not.toContain('chrome-extension://');
    expect(everything).not.toContain(browser.extensionId);
  });

  test('a page script finds none of what DocDelta shows: no old text, date or count', async () => {
    const shown = await whatDocDeltaShows(tab, clobbered);
    // The navigator's count, its "since" line and removed sentences: there is something to find.
    expect(shown.length).toBeGreaterThan(2);
    const { text, openRoots } = await whatThePageCanRead(tab);
    expect(openRoots).toBe(0);
    expect(shown.filter((secret) => text.includes(secret))).toEqual([]);
  });

  test('tampering with DocDelta\'s elements breaks only them: storage untouched, the reader\'s own click still works', async () => {
    const before = await storedPages(browser.worker);
    await tamperWithOverlay(tab);
    await tab.waitForTimeout(500);
    expect(await storedPages(browser.worker)).toEqual(before);
    // A real click (trusted input) on "Mark as seen" is the reader's, and it is honoured.
    await clickInOverlay(tab, 'Mark as seen');
    await expect.poll(async () => (await storedPages(browser.worker))[0]!.views.at(-1)!.mark).toBe(true);
  });

  // Last: the tab is left on a URL the script made up.
  test('a script pushing URL after URL stores at most the page it stops on; the page read before keeps its history', async () => {
    const { added, lost } = await pushStateFlood(tab, browser.worker);
    expect(added.length).toBeLessThanOrEqual(1);
    expect(lost).toEqual([]);
  });
});
