import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { exportBackup } from '../../lib/backup/export-backup';
import { claimFirstVisitLookup, FIRST_VISIT_LOOKUPS_PER_SITE_HOUR, FIRST_VISIT_RETRY_MS } from '../../lib/store/first-visit-lookups';
import { openDocDeltaDB } from '../../lib/store/open-db';

// "Always ask" an archive on a first visit (Options): what a reload, and a page inventing
// addresses, can make DocDelta send.
const NOW = Date.parse('2026-12-07T12:00:00Z');
let dbs = 0;

describe('first-visit lookups', () => {
  test('a page is asked about once a day, however often it is reloaded', async () => {
    const db = await openDocDeltaDB(`first-visit-${++dbs}`);
    const claim = (at: number) => claimFirstVisitLookup(db, 'mdn', 'developer.mozilla.org/en-US/docs/Web/API/fetch', at);
    expect(await claim(NOW)).toBe(true);
    for (let reload = 1; reload <= 10; reload++) expect(await claim(NOW + reload * 60_000)).toBe(false);
    expect(await claim(NOW + FIRST_VISIT_RETRY_MS + 1)).toBe(true);
  });

  test('a site that invents pages gets 20 an hour asked about; other sites keep theirs', async () => {
    const db = await openDocDeltaDB(`first-visit-${++dbs}`);
    const asked: boolean[] = [];
    for (let i = 0; i < 200; i++) asked.push(await claimFirstVisitLookup(db, 'hostile', `docs.hostile.example/invented-${i}`, NOW + i * 1000));
    expect(asked.filter(Boolean)).toHaveLength(FIRST_VISIT_LOOKUPS_PER_SITE_HOUR);
    expect(await claimFirstVisitLookup(db, 'django-rest-framework', 'www.django-rest-framework.org/api-guide/fields', NOW + 200_000)).toBe(true);
    // An hour later the site may be asked about again.
    expect(await claimFirstVisitLookup(db, 'hostile', 'docs.hostile.example/invented-500', NOW + 3600_000 + 1000)).toBe(true);
    // None of it is the reader's to export.
    expect((await exportBackup(db, NOW)).settings).toEqual([]);
  });
});
