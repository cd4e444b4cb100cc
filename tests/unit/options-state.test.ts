import 'fake-indexeddb/auto';
import { afterEach, expect, test, vi } from 'vitest';
import { optionsState } from '../../lib/background/options-requests';
import { handlePageSeen } from '../../lib/background/page-seen';
import type { Block } from '../../lib/blocks';
import { openDocDeltaDB } from '../../lib/store/open-db';
import { storageUsage } from '../../lib/store/storage-usage';

const text = (n: number): Block[] => Array.from({ length: 20 }, (_, i) => ({ kind: 'paragraph', level: 0, text: `Page ${n} paragraph ${i}: ${'what the docs say '.repeat(10)}` }));

afterEach(() => vi.unstubAllGlobals());

test("Options' storage figures are in the browser's terms: the sites add up to what the browser counts", async () => {
  const db = await openDocDeltaDB('options-state-scale');
  for (let n = 1; n <= 12; n++) await (await handlePageSeen(db, { url: `https://www.django-rest-framework.org/api-guide/s${n}/`, title: 's', blocks: text(n), now: n })).housekeeping;
  const counted = (await storageUsage(db)).reduce((sum, site) => sum + site.bytes, 0);
  // The browser counts 1.8x what DocDelta counts, as Chromium does for a history of some MB.
  vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 1.8 * counted, quota: 1e9 }) } });
  const state = await optionsState(db);
  const shown = state.sites.reduce((sum, site) => sum + (site.usage?.bytes ?? 0), 0) + state.feedCache.bytes;
  expect(shown / state.estimate!.usage).toBeCloseTo(1, 2);
  expect(state.sites.find((site) => site.id === 'django-rest-framework')!.usage).toMatchObject({ pages: 12, versions: 12 });
  // Without the browser's figure, DocDelta's own count.
  vi.stubGlobal('navigator', {});
  expect((await optionsState(db)).sites.reduce((sum, site) => sum + (site.usage?.bytes ?? 0), 0)).toBe(counted);
});
