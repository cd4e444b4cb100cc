import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { handlePageSeen } from '../../lib/background/page-seen';
import type { Block } from '../../lib/blocks';
import { openDocDeltaDB } from '../../lib/store/open-db';
import { saveRetention } from '../../lib/store/retention';
import { customSite } from '../../lib/sites/custom-sites';
import { saveCustomSites } from '../../lib/store/custom-sites-store';
import { pageUsage } from '../../lib/store/storage-usage';

// Issue 14: a global budget, kept by removing the pages opened least recently, whole.
const DAY = 864e5;
const paragraph = (page: number, n: number): Block => ({ kind: 'paragraph', level: 0, text: `Page ${page} paragraph ${n}: ${'docs text that a reader reads '.repeat(8)}` });
const pageText = (page: number, edit: number): Block[] => Array.from({ length: 40 }, (_, n) => (n === 0 ? { ...paragraph(page, n), text: `Edition ${edit} of page ${page}.` } : paragraph(page, n)));

describe('the storage budget', () => {
  test('stays kept as pages pile up: the least recently opened go, the ones on screen and read lately stay whole', async () => {
    const db = await openDocDeltaDB('budget-1');
    const budget = 1; // MB
    await saveRetention(db, { maxVersions: 200, maxAgeDays: 0, maxStorageMB: budget });
    const url = (page: number) => `https://www.django-rest-framework.org/api-guide/p${page}/`;
    const onScreen = 'www.django-rest-framework.org/api-guide/p0';
    // Page 0 stays open in a tab all along; pages 1…150 are read one a day, each twice.
    await (await handlePageSeen(db, { url: url(0), canonical: null, title: 'p0', blocks: pageText(0, 0), now: 0 })).housekeeping;
    for (let page = 1; page <= 150; page++) {
      for (const edit of [0, 1]) {
        const seen = await handlePageSeen(db, { url: url(page), canonical: null, title: `p${page}`, blocks: pageText(page, edit), now: page * DAY + edit }, { onScreen: () => [onScreen] });
        await seen.housekeeping;
      }
      const total = (await pageUsage(db)).reduce((sum, p) => sum + p.bytes, 0);
      expect(total).toBeLessThanOrEqual(budget * 1e6);
    }
    const left = await pageUsage(db);
    const kept = new Set(left.map((p) => p.key));
    // Something had to go, and it was the oldest reading.
    expect(kept.size).toBeLessThan(151);
    expect(kept.has(onScreen)).toBe(true);
    const newest = left.filter((p) => p.key !== onScreen).map((p) => Number(/p(\d+)$/.exec(p.key)![1]));
    expect(Math.min(...newest)).toBe(150 - newest.length + 1);
    // Every page still kept has both its versions.
    for (const page of left) expect(page.versions).toBe(page.key === onScreen ? 1 : 2);
  }, 120_000);

  test("a site that floods storage gives up its own pages first, however recent: the reader's pages elsewhere stay whole", async () => {
    const db = await openDocDeltaDB('budget-fair');
    await saveCustomSites(db, [customSite('https://flood.example.org/*', null)]);
    await saveRetention(db, { maxVersions: 200, maxAgeDays: 0, maxStorageMB: 1 });
    for (let page = 1; page <= 20; page++) {
      for (const edit of [0, 1]) await (await handlePageSeen(db, { url: `https://www.django-rest-framework.org/api-guide/r${page}/`, canonical: null, title: 'r', blocks: pageText(page, edit), now: page * 1000 + edit })).housekeeping;
    }
    const reader = (await pageUsage(db)).map((p) => [p.key, p.versions]);
    // Later, a site stores page after big page (each newer than anything the reader opened).
    for (let page = 1; page <= 60; page++) {
      const big = Array.from({ length: 4 }, (_, n) => paragraph(page, n)).map((block) => ({ ...block, text: block.text.repeat(40) }));
      await (await handlePageSeen(db, { url: `https://flood.example.org/f${page}`, canonical: null, title: 'f', blocks: big, now: DAY + page })).housekeeping;
    }
    const after = await pageUsage(db);
    expect(after.reduce((sum, p) => sum + p.bytes, 0)).toBeLessThanOrEqual(1e6);
    expect(after.filter((p) => p.siteId === 'custom:https://flood.example.org/*').length).toBeLessThan(60);
    expect(after.filter((p) => p.siteId === 'django-rest-framework').map((p) => [p.key, p.versions])).toEqual(reader);
  }, 120_000);

  test('no budget (0) leaves it to the browser', async () => {
    const db = await openDocDeltaDB('budget-2');
    await saveRetention(db, { maxVersions: 200, maxAgeDays: 0, maxStorageMB: 0 });
    for (let page = 1; page <= 30; page++) await (await handlePageSeen(db, { url: `https://www.django-rest-framework.org/api-guide/q${page}/`, canonical: null, title: 'q', blocks: pageText(page, 0), now: page })).housekeeping;
    expect((await pageUsage(db)).length).toBe(30);
  });
});
