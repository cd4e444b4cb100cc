import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import { ArchiveServer } from '../../harness/archive-server';
import type { AccessGrants } from '../../lib/background/access-grants';
import { historyForPage, historyForTab, historyOnFirstVisit, setSiteHistoryAlways } from '../../lib/background/get-history';
import { saveCustomSites, keyOfPage } from '../../lib/store/custom-sites-store';
import { openDocDeltaDB, type DocDeltaDB } from '../../lib/store/open-db';
import { recordVisit } from '../../lib/store/page-history';
import { pageTimeline } from '../../lib/store/page-timeline';
import { historyAlways, setHistoryAlways } from '../../lib/store/settings';
import { corpusBlocks } from '../support/corpus-blocks';
import { loadCorpus, readHtml } from '../support/corpus';

// The background's side of "Get this page's history": which source a site has, whether the
// reader's click granted its hosts, and the tab's overlay redrawn against what came. The DRF
// corpus is served as the Internet Archive serves captures (harness/archive-server.ts).
const page = loadCorpus().find((p) => p.slug === 'api-guide__permissions')!;
const timestampOf = (stem: string) => stem.slice(0, 15).replace('T', '');
const digestOf = (text: string) => createHash('sha1').update(text).digest('hex').toUpperCase().replace(/[^A-Z2-7]/g, 'Q').slice(0, 32);

let server: ArchiveServer;
let dbs = 0;

/** A browser whose reader granted `granted` host patterns, with one tab showing the page. */
function fakeBrowser(granted: string[], options: { incognito?: boolean } = {}) {
  const toTab: Array<{ type: string; payload: unknown }> = [];
  const browser = {
    permissions: { contains: async ({ origins }: { origins: string[] }) => origins.every((origin) => granted.includes(origin)) },
    tabs: {
      get: async () => ({ id: 7, incognito: options.incognito ?? false }),
      sendMessage: async (_tabId: number, message: { type: string; payload: unknown }) => {
        toTab.push(message);
        return message.type === 'describe' ? { url: page.url, title: 'Permissions', changes: 0, addedWords: 0, removedWords: 0, baseline: null, currentVersionId: 1, highlightsShown: true } : null;
      },
    },
  };
  return { browser: browser as unknown as WxtBrowser, toTab };
}

/** The reader's first visit to the page, as it is today. */
async function firstVisit(): Promise<{ db: DocDeltaDB; pageKey: string }> {
  const db = await openDocDeltaDB(`get-history-${++dbs}`);
  const pageKey = await keyOfPage(db, page.url);
  await recordVisit(db, { pageKey, url: page.url, title: 'Permissions', siteId: 'django-rest-framework', blocks: corpusBlocks(page, page.versions.at(-1)!), at: Date.parse('2026-12-04T12:00:00Z') });
  return { db, pageKey };
}

const ARCHIVE = ['https://web.archive.org/*'];
/** The prompt already answered (access-grants.test.ts covers the waiting): the work goes on at once. */
const grantedAlready: AccessGrants = { until: async () => undefined, afterGrant: (_request, work) => work(), refused: () => undefined, busy: () => false };

beforeAll(async () => {
  server = await new ArchiveServer().start();
  server.captures.set(page.url, page.versions.map((v) => ({ timestamp: timestampOf(v.stem), digest: digestOf(v.stem), body: readHtml(v) })));
  vi.stubGlobal('fetch', server.fetchVia());
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await server?.stop();
});
afterEach(() => {
  server.requests.length = 0;
});

describe('"Get this page\'s history", in the background', () => {
  test('nothing is sent before the reader\'s click granted the source\'s hosts', async () => {
    const { db, pageKey } = await firstVisit();
    const { browser } = fakeBrowser([]);
    await expect(historyForTab(browser, db, 7, 'archive', false, grantedAlready)).rejects.toThrow('DocDelta may not ask The Internet Archive yet: allow it with the popup\'s "Get history" button.');
    expect(server.requests).toHaveLength(0);
    expect(await pageTimeline(db, pageKey)).toHaveLength(1);
  });

  test('granted: the page\'s captures join its timeline and the tab is compared with the one before today\'s', async () => {
    const { db, pageKey } = await firstVisit();
    const { browser, toTab } = fakeBrowser(ARCHIVE);
    const outcome = await historyForTab(browser, db, 7, 'archive', false, grantedAlready);
    expect(outcome.added).toBeGreaterThan(1);
    expect(toTab.at(-1)).toEqual({ type: 'use-baseline', payload: { versionId: outcome.baselineId } });
    const timeline = await pageTimeline(db, pageKey);
    expect(timeline.filter((entry) => entry.source === 'archive')).toHaveLength(outcome.added);
    // Older ones on demand: listed from before the oldest capture the timeline has; the overlay stays as the reader has it.
    const oldest = Math.min(...timeline.filter((entry) => entry.source === 'archive').map((entry) => entry.time));
    const requests = server.requests.length;
    const older = await historyForTab(browser, db, 7, 'archive', true, grantedAlready);
    expect(older.added).toBeGreaterThan(0);
    expect(server.requests[requests]!.query).toContain(`to=${new Date(oldest - 1000).toISOString().replace(/\D/g, '').slice(0, 14)}`);
    expect(toTab.filter((message) => message.type === 'use-baseline')).toHaveLength(1);
    const after = await pageTimeline(db, pageKey);
    expect(Math.min(...after.filter((entry) => entry.source === 'archive').map((entry) => entry.time))).toBeLessThan(oldest);
  });

  test('refused in plain words: a source the site does not have, older versions before any, a private window', async () => {
    const { db } = await firstVisit();
    await saveCustomSites(db, [{ id: 'custom:https://docs.example.org/*', name: 'docs.example.org', pattern: 'https://docs.example.org/*', contentSelector: null }]);
    const { browser } = fakeBrowser([...ARCHIVE, 'https://api.github.com/*', 'https://raw.githubusercontent.com/*']);
    await expect(historyForPage(browser, db, { url: 'https://docs.example.org/guide/' }, 'github', false)).rejects.toThrow('DocDelta knows no such history source for this site.');
    await expect(historyForTab(browser, db, 7, 'archive', true, grantedAlready)).rejects.toThrow('This page has no versions from The Internet Archive yet to go back from.');
    await expect(historyForTab(fakeBrowser(ARCHIVE, { incognito: true }).browser, db, 7, 'archive', false, grantedAlready)).rejects.toThrow('DocDelta keeps no history of pages in private windows.');
    expect(server.requests).toHaveLength(0);
  });
});

describe('"always" (Options): the site\'s sources asked on every first visit', () => {
  test('off: a first visit asks no one; on and granted: the page is compared with its history', async () => {
    const { db, pageKey } = await firstVisit();
    const { browser, toTab } = fakeBrowser(ARCHIVE);
    await historyOnFirstVisit(browser, db, 7, { url: page.url });
    expect(server.requests).toHaveLength(0);
    await setSiteHistoryAlways(browser, db, 'django-rest-framework', 'archive', true);
    await historyOnFirstVisit(browser, db, 7, { url: page.url });
    expect(server.requests.length).toBeGreaterThan(1);
    expect(toTab.at(-1)?.type).toBe('use-baseline');
    expect((await pageTimeline(db, pageKey)).some((entry) => entry.source === 'archive')).toBe(true);
  });

  test('turned on only for a source the site has and the browser allowed; the access taken back later means no request', async () => {
    const { db } = await firstVisit();
    await expect(setSiteHistoryAlways(fakeBrowser([]).browser, db, 'django-rest-framework', 'archive', true)).rejects.toThrow('DocDelta may not ask The Internet Archive: the browser did not allow it.');
    await expect(setSiteHistoryAlways(fakeBrowser(ARCHIVE).browser, db, 'custom:https://nowhere.example/*', 'archive', true)).rejects.toThrow('that site has no such history source');
    expect(await historyAlways(db, 'django-rest-framework')).toEqual([]);
    await setHistoryAlways(db, 'django-rest-framework', 'archive', true);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await historyOnFirstVisit(fakeBrowser([]).browser, db, 7, { url: page.url });
    warn.mockRestore();
    expect(server.requests).toHaveLength(0);
  });
});
