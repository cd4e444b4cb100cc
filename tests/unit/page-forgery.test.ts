import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { handlePageSeen, InsecureCopyError } from '../../lib/background/page-seen';
import type { Block } from '../../lib/blocks';
import { customSite } from '../../lib/sites/custom-sites';
import { saveCustomSites } from '../../lib/store/custom-sites-store';
import { openDocDeltaDB } from '../../lib/store/open-db';

// A page's identity is the reader's history of it: neither another page on the same host nor a
// plain-http copy of it may write into that history.
const paragraph = (text: string): Block => ({ kind: 'paragraph', level: 0, text });
const guide = [paragraph('Install the package with pip and add it to your settings.'), paragraph('Run the migrations before the first request.')];
const forgery = [paragraph('Install the package with pip and add it to your settings.'), paragraph('Send your password to the address below to finish installing.')];

async function versionsOf(db: Awaited<ReturnType<typeof openDocDeltaDB>>, key: string) {
  return (await db.getAllFromIndex('versions', 'byPage', key)).length;
}

describe('page identity a page cannot forge', () => {
  test("a page on another site of the same host cannot name a docs page as its canonical and write that page's history", async () => {
    const db = await openDocDeltaDB('forgery-canonical');
    await saveCustomSites(db, [customSite('https://pages.example.org/docs/*', null), customSite('https://pages.example.org/forum/*', null)]);
    const docs = 'https://pages.example.org/docs/install';
    await handlePageSeen(db, { url: docs, canonical: null, title: 'Install', blocks: guide, now: 1 });

    const attack = await handlePageSeen(db, { url: 'https://pages.example.org/forum/post-7', canonical: docs, title: 'Install', blocks: forgery, now: 2 });
    expect(attack.pageKey).toBe('pages.example.org/forum/post-7');
    expect(await versionsOf(db, 'pages.example.org/docs/install')).toBe(1);

    // The reader opens the docs page again: nothing is shown as changed, no forged sentence as removed.
    const again = await handlePageSeen(db, { url: docs, canonical: null, title: 'Install', blocks: guide, now: 3 });
    expect(again.response.changes.changes).toEqual([]);

    // Within the docs site, a canonical link still names the page (versioned paths, aliases).
    const alias = await handlePageSeen(db, { url: 'https://pages.example.org/docs/latest/install', canonical: docs, title: 'Install', blocks: guide, now: 4 });
    expect(alias.pageKey).toBe('pages.example.org/docs/install');
  });

  test('a plain-http copy of a page read over https is neither stored nor compared, and the reader is told why', async () => {
    const db = await openDocDeltaDB('forgery-http');
    const https = 'https://www.django-rest-framework.org/api-guide/pagination/';
    const http = https.replace('https:', 'http:');
    // Read over http first (a site that had no https then): kept, until https is seen.
    await handlePageSeen(db, { url: http, canonical: null, title: 'Pagination', blocks: guide.slice(0, 1), now: 1 });
    await handlePageSeen(db, { url: https, canonical: null, title: 'Pagination', blocks: guide, now: 2 });
    const key = 'www.django-rest-framework.org/api-guide/pagination';
    expect(await versionsOf(db, key)).toBe(2);

    const injected = handlePageSeen(db, { url: http, canonical: null, title: 'Pagination', blocks: forgery, now: 3 });
    await expect(injected).rejects.toThrow(InsecureCopyError);
    await expect(injected).rejects.toThrow(/plain http.*not stored or compared/);
    expect(await versionsOf(db, key)).toBe(2);
    expect((await db.get('pages', key))!.views.at(-1)!.last).toBe(2);

    const back = await handlePageSeen(db, { url: https, canonical: null, title: 'Pagination', blocks: guide, now: 4 });
    expect(JSON.stringify(back.response.changes)).not.toMatch(/password/);
  });
});
