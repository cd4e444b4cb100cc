import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { NEW_PAGES_PER_SITE_PER_HOUR, NEW_PAGES_PER_TAB_PER_MINUTE, NewPageRate, TooManyNewPagesError } from '../../lib/background/new-page-rate';
import { handlePageSeen } from '../../lib/background/page-seen';
import type { Block } from '../../lib/blocks';
import { exportBackup } from '../../lib/backup/export-backup';
import { newPageRateStore } from '../../lib/store/new-page-rate-store';
import { openDocDeltaDB } from '../../lib/store/open-db';

// Issue 14: a page script can push URL after URL; each would be a new page to store.
const BASE = 'https://www.django-rest-framework.org/api-guide/';
const blocks = (text: string): Block[] => [{ kind: 'paragraph', level: 0, text }];

describe('new pages per tab and per site', () => {
  test('a tab inventing URLs stores at most its limit; pages already stored keep every new version', async () => {
    const db = await openDocDeltaDB('rate-flood');
    const rate = new NewPageRate();
    const visit = (tabId: number, url: string, text: string, now: number) =>
      handlePageSeen(db, { url, title: 'x', blocks: blocks(text), now }, { admitNewPage: (siteId) => rate.admit(tabId, siteId, now) });
    // The victim: a page the reader has read, in another tab.
    await visit(2, `${BASE}fields/`, 'Fields, version 1.', 1_000);

    const t0 = 10_000;
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      await visit(1, `${BASE}flood-${i}/`, `Token ${i}.`, t0 + i * 100).catch((error) => {
        expect(error).toBeInstanceOf(TooManyNewPagesError);
        expect((error as Error).message).toMatch(/This tab opened more than 20 pages DocDelta had never seen in a minute/);
        refused++;
      });
    }
    expect((await db.getAllKeys('pages')).length).toBe(1 + NEW_PAGES_PER_TAB_PER_MINUTE);
    expect(refused).toBe(300 - NEW_PAGES_PER_TAB_PER_MINUTE);

    // The flooding tab can still store new versions of pages DocDelta has, and the victim is whole.
    await visit(1, `${BASE}fields/`, 'Fields, version 2.', t0 + 30_000);
    expect(await db.countFromIndex('versions', 'byPage', 'www.django-rest-framework.org/api-guide/fields')).toBe(2);
    // A minute on, the tab may add pages again.
    await visit(1, `${BASE}serializers/`, 'Serializers.', t0 + 30_000 + 61_000);
    expect(await db.get('pages', 'www.django-rest-framework.org/api-guide/serializers')).toBeDefined();
  });

  test('many tabs of one site share the site limit', async () => {
    const db = await openDocDeltaDB('rate-site');
    const rate = new NewPageRate();
    let stored = 0;
    for (let i = 0; i < NEW_PAGES_PER_SITE_PER_HOUR + 50; i++) {
      const now = 1_000 + i * 1_000;
      const tabId = 100 + i; // a new tab each time: the tab limit never applies
      await handlePageSeen(db, { url: `${BASE}p${i}/`, title: 'x', blocks: blocks(`Page ${i}.`), now }, { admitNewPage: (siteId) => rate.admit(tabId, siteId, now) }).then(
        () => stored++,
        (error) => expect((error as Error).message).toMatch(/This site opened more than 200 pages/),
      );
    }
    expect(stored).toBe(NEW_PAGES_PER_SITE_PER_HOUR);
  });

  test('a site that waits for the background to stop gets no fresh hour', async () => {
    const db = await openDocDeltaDB('rate-restart');
    const seen = (rate: NewPageRate, i: number, now: number) =>
      handlePageSeen(db, { url: `${BASE}r${i}/`, title: 'x', blocks: blocks(`Page ${i}.`), now }, { admitNewPage: (siteId) => rate.admit(1000 + i, siteId, now) });
    const first = new NewPageRate(newPageRateStore(db));
    for (let i = 0; i < NEW_PAGES_PER_SITE_PER_HOUR; i++) await seen(first, i, 1_000 + i);
    // MV3 stopped the idle background; the next one reads the site's hour back.
    const restarted = new NewPageRate(newPageRateStore(db));
    await expect(seen(restarted, 500, 60_000)).rejects.toThrow(/This site opened more than 200 pages/);
    expect(await db.get('pages', 'www.django-rest-framework.org/api-guide/r500')).toBeUndefined();
    // An hour after the first of them, the site may add pages again.
    await seen(restarted, 501, 1_000 + 3_600_000 + 1);
    expect(await db.get('pages', 'www.django-rest-framework.org/api-guide/r501')).toBeDefined();
    // The windows are not a setting a backup carries.
    expect((await exportBackup(db, 0)).settings.map((setting) => setting.key)).not.toContain('new-page-rate');
  });

  test('a store that cannot save never costs the reader a page', async () => {
    const db = await openDocDeltaDB('rate-store-broken');
    const rate = new NewPageRate({ load: () => Promise.reject(new Error('gone')), save: () => Promise.reject(new Error('full')) });
    await handlePageSeen(db, { url: `${BASE}fields/`, title: 'x', blocks: blocks('Fields.'), now: 1 }, { admitNewPage: (siteId) => rate.admit(1, siteId, 1) });
    expect(await db.get('pages', 'www.django-rest-framework.org/api-guide/fields')).toBeDefined();
  });
});
