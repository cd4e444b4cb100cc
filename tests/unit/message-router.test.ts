import 'fake-indexeddb/auto';
import type { WxtBrowser } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startBackground } from '../../lib/background/start-background';
import { sharedDB } from '../../lib/store/open-db';
import { extensionPageHandlers } from '../../lib/background/extension-pages';

// The background tells the extension's own pages from content scripts by the sender's
// URL. Every privileged request, sent from a web page's content script, must do nothing.
const EXTENSION_ID = 'docdelta-test-id';
const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
const PAGE = 'https://www.django-rest-framework.org/api-guide/fields/';

/** Every request type an extension page may send: the handler map's keys, typed from the contract, so a new one is covered too. */
const privilegedTypes = (): string[] => Object.keys(extensionPageHandlers);

/** Arguments that would pass validation, so a refusal is the sender check and not a bad payload. */
const payloads: Record<string, unknown> = {
  'tab-state': { tabId: 1 }, 'tab-command': { tabId: 1, command: 'mark-seen' }, 'set-highlights': { tabId: 1, on: false },
  'choose-baseline': { tabId: 1, versionId: 1 }, 'set-feed': { siteId: 'django-rest-framework', url: 'https://attacker.example/feed/index.json' },
  'sync-feed': { siteId: 'django-rest-framework' }, 'set-site-enabled': { siteId: 'django-rest-framework', enabled: false },
  'set-retention': { maxVersions: 2, maxAgeDays: 1, maxStorageMB: 0 }, 'clear-site': { siteId: 'django-rest-framework' }, import: { text: '{"format":"docdelta-backup","version":1,"exportedAt":0,"pages":[],"feeds":[],"settings":[]}' },
  'site-changes': { period: { kind: 'last-visit' } }, 'page-timeline': { pageKey: 'www.django-rest-framework.org/api-guide/fields' },
  'version-diff': { pageKey: 'www.django-rest-framework.org/api-guide/fields', fromId: 1, toId: 2 }, 'open-page': { pageKey: 'www.django-rest-framework.org/api-guide/fields', versionId: 1 },
  'add-site': { input: 'https://attacker.example/', selector: null, tabId: null }, 'remove-site': { siteId: 'custom:x' },
  'set-site-selector': { siteId: 'custom:x', selector: '#doc', tabId: 1 },
  'get-history': { tabId: 1, source: 'archive', older: false }, 'access-refused': { origins: ['https://web.archive.org/*'] }, 'repository-changes': { siteId: 'django-rest-framework', days: 7 },
  'repository-file-words': { siteId: 'django-rest-framework', file: 'docs/index.md', base: 'a'.repeat(40), head: 'b'.repeat(40) }, 'set-history-always': { siteId: 'django-rest-framework', source: 'archive', on: true },
  'follow-site': { siteId: 'django-rest-framework' }, 'unfollow-site': { siteId: 'django-rest-framework' }, 'mark-site-seen': { siteId: 'django-rest-framework' }, 'set-follow-notify': { siteId: 'django-rest-framework', on: false }, 'set-follow-archive': { siteId: 'django-rest-framework', on: false },
};

type Listener = (message: unknown, sender: unknown) => Promise<unknown> | undefined;
let listener: Listener;
const calls: string[] = [];

/** A browser whose every effect is recorded: nothing a content script sends may cause one. */
function recordingBrowser(): WxtBrowser {
  const effect = (name: string, result: unknown = undefined) => vi.fn(async () => {
    calls.push(name);
    return result;
  });
  const event = (capture?: (fn: Listener) => void) => ({ addListener: (fn: Listener) => capture?.(fn) });
  return {
    runtime: { id: EXTENSION_ID, getURL: (path: string) => `${ORIGIN}${path.replace(/^\//, '')}`, onMessage: event((fn) => (listener = fn)), onInstalled: event(), onStartup: event() },
    tabs: { onRemoved: event(), get: effect('tabs.get', { id: 1, url: PAGE, incognito: false }), sendMessage: effect('tabs.sendMessage'), create: effect('tabs.create') },
    action: { setBadgeText: effect('action.setBadgeText'), setBadgeBackgroundColor: effect('action.setBadgeBackgroundColor') },
    permissions: { onRemoved: event(), onAdded: event(), contains: effect('permissions.contains', true), remove: effect('permissions.remove', true), request: effect('permissions.request', true) },
    scripting: {
      registerContentScripts: effect('scripting.registerContentScripts'), unregisterContentScripts: effect('scripting.unregisterContentScripts'),
      getRegisteredContentScripts: effect('scripting.getRegisteredContentScripts', []), executeScript: effect('scripting.executeScript'), insertCSS: effect('scripting.insertCSS'),
    },
    commands: { onCommand: event() },
    alarms: { onAlarm: event(), get: effect('alarms.get'), create: effect('alarms.create'), clear: effect('alarms.clear') },
  } as unknown as WxtBrowser;
}

/** Everything stored, store by store. */
async function everything() {
  const db = await sharedDB();
  const stores = [...db.objectStoreNames];
  return Object.fromEntries(await Promise.all(stores.map(async (store) => [store, await db.getAll(store)] as const)));
}

const fetches: string[] = [];
beforeAll(async () => {
  vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 0, quota: 1e9 }) } });
  vi.stubGlobal('fetch', vi.fn(async (url: unknown) => {
    fetches.push(String(url));
    return new Response('{}', { status: 404 });
  }));
  startBackground(recordingBrowser());
  // Something to lose: a page the reader visited, as its content script reports it.
  const seen = await listener({ type: 'page-seen', payload: { url: PAGE, canonical: null, title: 'Fields', blocks: [{ kind: 'paragraph', level: 0, text: 'Serializer fields handle converting.' }] } }, { id: EXTENSION_ID, url: PAGE, tab: { id: 7, url: PAGE, incognito: false }, frameId: 0 });
  expect(seen).toMatchObject({ ok: true, value: { currentVersionId: expect.any(Number) } });
});
afterAll(() => vi.unstubAllGlobals());

describe('the background\'s message router', () => {
  test.each(privilegedTypes())('"%s" from a web page\'s content script does nothing', async (type) => {
    const before = await everything();
    calls.length = 0;
    fetches.length = 0;
    for (const frameId of [0, 3]) {
      const answer = await listener({ type, payload: payloads[type] ?? {} }, { id: EXTENSION_ID, url: PAGE, tab: { id: 7, url: PAGE, incognito: false }, frameId });
      expect(answer).toMatchObject({ ok: false });
    }
    // Another extension (a different sender id) is not heard at all.
    expect(listener({ type, payload: payloads[type] ?? {} }, { id: 'another-extension', url: `chrome-extension://another-extension/x.html` })).toBeUndefined();
    expect(await everything()).toEqual(before);
    expect(calls).toEqual([]);
    expect(fetches).toEqual([]);
  });

  test('the same requests from the extension\'s own pages are handled (so the refusals above are the sender check)', async () => {
    expect(privilegedTypes()).toHaveLength(Object.keys(payloads).length + 4);
    // Some fail on the made-up ids (and say so in the worker's console); each is answered.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const options = await listener({ type: 'options-state', payload: {} }, { id: EXTENSION_ID, url: `${ORIGIN}options.html` });
    expect(options).toMatchObject({ ok: true, value: { sites: expect.any(Array) } });
    for (const type of privilegedTypes()) {
      const answer = await listener({ type, payload: payloads[type] ?? {} }, { id: EXTENSION_ID, url: `${ORIGIN}options.html` });
      expect(answer, type).toHaveProperty('ok');
    }
    expect(await everything()).toMatchObject({ pages: [], versions: [] });
  });

  test('a request its schema refuses is answered with the reason in plain words, and nothing runs', async () => {
    const fromOptions = { id: EXTENSION_ID, url: `${ORIGIN}options.html` };
    const before = await everything();
    calls.length = 0;
    const refused = async (message: unknown) => listener(message, fromOptions);
    expect(await refused({ type: 'set-highlights', payload: { tabId: 'seven', on: true } })).toEqual({ ok: false, error: 'tabId must be an integer' });
    expect(await refused({ type: 'set-feed', payload: { siteId: 'no-such-site', url: null } })).toEqual({ ok: false, error: 'unknown site' });
    expect(await refused({ type: 'set-retention', payload: { maxVersions: 1, maxAgeDays: 1, maxStorageMB: 0 } })).toEqual({ ok: false, error: 'keep between 2 and 10,000 versions, for 0 (forever) to 36,500 days' });
    expect(await refused({ type: 'site-changes', payload: { period: { kind: 'days', days: 0 } } })).toEqual({ ok: false, error: 'period must be last-visit or 1 to 36,500 days' });
    // Names every object has are not requests.
    for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(await refused({ type, payload: {} })).toEqual({ ok: false, error: 'unknown request' });
    expect(calls).toEqual([]);
    expect(await everything()).toEqual(before);
  });

  test('a content script\'s request its schema refuses is answered with the reason, and nothing is stored', async () => {
    const fromPage = { id: EXTENSION_ID, url: PAGE, tab: { id: 7, url: PAGE, incognito: false }, frameId: 0 };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    logged.mockClear();
    const before = await everything();
    calls.length = 0;
    const seen = (payload: Record<string, unknown>) => listener({ type: 'page-seen', payload: { url: PAGE, canonical: null, title: 'Fields', ...payload } }, fromPage);
    expect(await seen({ blocks: [{ kind: 'script', level: 0, text: 'x' }] })).toEqual({ ok: false, error: 'unknown block kind' });
    expect(await seen({ blocks: [{ kind: 'paragraph', level: 9, text: 'x' }] })).toEqual({ ok: false, error: 'bad block level' });
    expect(await seen({ blocks: 'all of them' })).toEqual({ ok: false, error: 'blocks must be a list' });
    expect(await seen({ blocks: [{ kind: 'paragraph', level: 0, text: 'x'.repeat(2_000_001) }] })).toEqual({ ok: false, error: 'This page holds more than 2 million characters of text, more than DocDelta stores for one page.' });
    // A page cannot report another site's address as its own.
    expect(await seen({ url: 'https://attacker.example/', blocks: [{ kind: 'paragraph', level: 0, text: 'x' }] })).toEqual({ ok: false, error: 'url is not on the sender\'s origin' });
    expect(await listener({ type: 'compare-with', payload: { url: PAGE, canonical: null, blocks: [], versionId: 'one' } }, fromPage)).toEqual({ ok: false, error: 'versionId must be an integer' });
    for (const type of ['constructor', '__proto__', 'toString']) expect(await listener({ type, payload: {} }, fromPage)).toEqual({ ok: false, error: 'unknown request' });
    expect(calls).toEqual([]);
    expect(await everything()).toEqual(before);
    expect(logged).not.toHaveBeenCalled();
  });

  test('a content script\'s request its schema refuses is answered with the reason, and nothing is stored', async () => {
    const fromPage = { id: EXTENSION_ID, url: PAGE, tab: { id: 7, url: PAGE, incognito: false }, frameId: 0 };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    logged.mockClear();
    const before = await everything();
    calls.length = 0;
    const seen = (payload: Record<string, unknown>) => listener({ type: 'page-seen', payload: { url: PAGE, canonical: null, title: 'Fields', ...payload } }, fromPage);
    expect(await seen({ blocks: [{ kind: 'script', level: 0, text: 'x' }] })).toEqual({ ok: false, error: 'unknown block kind' });
    expect(await seen({ blocks: [{ kind: 'paragraph', level: 9, text: 'x' }] })).toEqual({ ok: false, error: 'bad block level' });
    expect(await seen({ blocks: 'all of them' })).toEqual({ ok: false, error: 'blocks must be a list' });
    expect(await seen({ blocks: [{ kind: 'paragraph', level: 0, text: 'x'.repeat(2_000_001) }] })).toEqual({ ok: false, error: 'This page holds more than 2 million characters of text, more than DocDelta stores for one page.' });
    // A page cannot report another site's address as its own.
    expect(await seen({ url: 'https://attacker.example/', blocks: [{ kind: 'paragraph', level: 0, text: 'x' }] })).toEqual({ ok: false, error: 'url is not on the sender\'s origin' });
    expect(await listener({ type: 'compare-with', payload: { url: PAGE, canonical: null, blocks: [], versionId: 'one' } }, fromPage)).toEqual({ ok: false, error: 'versionId must be an integer' });
    for (const type of ['constructor', '__proto__', 'toString']) expect(await listener({ type, payload: {} }, fromPage)).toEqual({ ok: false, error: 'unknown request' });
    expect(calls).toEqual([]);
    expect(await everything()).toEqual(before);
    expect(logged).not.toHaveBeenCalled();
  });

  test('a diff of versions that are not the page\'s is refused in plain words, not logged as DocDelta failing', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    logged.mockClear();
    const answer = await listener({ type: 'version-diff', payload: { pageKey: 'www.django-rest-framework.org/api-guide/fields', fromId: 999, toId: 1000 } }, { id: EXTENSION_ID, url: `${ORIGIN}changes.html` });
    expect(answer).toEqual({ ok: false, error: 'those are not versions of that page' });
    expect(logged).not.toHaveBeenCalled();
  });
});
