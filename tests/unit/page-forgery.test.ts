import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { handlePageSeen, InsecureCopyError } from '../../lib/background/page-seen';
import type { Block } from '../../lib/blocks';
import { openDocDeltaDB } from '../../lib/store/open-db';

// A page's identity is the reader's history of it: a plain-http copy of it may not write into
// that history (a canonical link is not read at all: tests/e2e/hostile-page.test.ts).
const paragraph = (text: string): Block => ({ kind: 'paragraph', level: 0, text });
const guide = [paragraph('Install the package with pip and add it to your settings.'), paragraph('Run the migrations before the first request.')];
const forgery = [paragraph('Install the package with pip and add it to your settings.'), paragraph('Send your password to the address below to finish installing.')];

async function versionsOf(db: Awaited<ReturnType<typeof openDocDeltaDB>>, key: string) {
  return (await db.getAllFromIndex('versions', 'byPage', key)).length;
}

describe('page identity a page cannot forge', () => {
  test('a plain-http copy of a page read over https is neither stored nor compared, and the reader is told why', async () => {
    const db = await openDocDeltaDB('forgery-http');
    const https = 'https://www.django-rest-framework.org/api-guide/pagination/';
    const http = https.replace('https:', 'http:');
    // Read over http first (a site that had no https then, or a network that wrote it): kept, but
    // never what the first https visit compares with; that visit is a first visit.
    await handlePageSeen(db, { url: http, title: 'Pagination', blocks: forgery, now: 1 });
    const first = await handlePageSeen(db, { url: https, title: 'Pagination', blocks: guide, now: 2 });
    expect(first.response.baseline).toBeNull();
    expect(first.response.changes.changes).toEqual([]);
    const key = 'www.django-rest-framework.org/api-guide/pagination';
    expect(await versionsOf(db, key)).toBe(2);

    const injected = handlePageSeen(db, { url: http, title: 'Pagination', blocks: forgery, now: 3 });
    await expect(injected).rejects.toThrow(InsecureCopyError);
    await expect(injected).rejects.toThrow(/plain http.*not stored or compared/);
    expect(await versionsOf(db, key)).toBe(2);
    expect((await db.get('pages', key))!.views.at(-1)!.last).toBe(2);

    const back = await handlePageSeen(db, { url: https, title: 'Pagination', blocks: guide, now: 4 });
    expect(JSON.stringify(back.response.changes)).not.toMatch(/password/);
    // A later https visit compares with what https showed, never with the http copy.
    const later = await handlePageSeen(db, { url: https, title: 'Pagination', blocks: guide.slice(0, 1), now: 4 + 3600e3 });
    expect(later.response.baseline?.capturedAt).toBe(4);
    expect(later.response.changes.removedWords).toBeGreaterThan(0);
    expect(JSON.stringify(later.response.changes)).not.toMatch(/password/);
  });
});
