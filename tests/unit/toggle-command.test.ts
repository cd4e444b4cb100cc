import 'fake-indexeddb/auto';
import type { WxtBrowser } from 'wxt/browser';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { startBackground } from '../../lib/background/start-background';

// The reader presses the toggle key twice, quickly: the overlay ends as it started. Each toggle
// asks the tab whether its overlay shows, then sets the opposite; the tab here applies a setting
// a moment after it is asked, as a busy page does.
const PAGE = 'https://www.django-rest-framework.org/api-guide/fields/';
let onCommand: (command: string, tab: { id: number }) => void;
let shown = true;
const applied: boolean[] = [];

function fakeBrowser(): WxtBrowser {
  const event = (capture?: (fn: never) => void) => ({ addListener: (fn: never) => capture?.(fn) });
  const sendMessage = async (_tabId: number, message: { type: string; payload: { on?: boolean } }) => {
    if (message.type === 'describe') return { url: PAGE, canonical: null, title: 'Fields', changes: 1, addedWords: 1, removedWords: 0, baseline: null, currentVersionId: 1, highlightsShown: shown };
    if (message.type === 'set-highlights') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      shown = message.payload.on!;
      applied.push(shown);
    }
    return null;
  };
  return {
    runtime: { id: 'docdelta-test', getURL: (path: string) => `chrome-extension://docdelta-test/${path}`, onMessage: event(), onInstalled: event(), onStartup: event(), getPlatformInfo: async () => ({}) },
    tabs: { onRemoved: event(), get: async () => ({ id: 1, url: PAGE, incognito: false }), sendMessage },
    action: { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined },
    permissions: { onRemoved: event(), onAdded: event(), contains: async () => true },
    scripting: { getRegisteredContentScripts: async () => [], registerContentScripts: async () => undefined, unregisterContentScripts: async () => undefined },
    commands: { onCommand: event((fn) => (onCommand = fn)) },
    alarms: { onAlarm: event(), get: async () => undefined, create: async () => undefined },
  } as unknown as WxtBrowser;
}

beforeAll(() => {
  vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 0, quota: 1e9 }) } });
  startBackground(fakeBrowser());
});
afterAll(() => vi.unstubAllGlobals());

test('two quick presses of the toggle key leave the overlay as it was', async () => {
  onCommand('toggle-highlights', { id: 1 });
  onCommand('toggle-highlights', { id: 1 });
  await vi.waitFor(() => expect(applied).toHaveLength(2), { timeout: 10_000 });
  expect(applied).toEqual([false, true]);
  expect(shown).toBe(true);
});
