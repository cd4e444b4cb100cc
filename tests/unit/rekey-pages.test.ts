import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { rekeyPages } from '../../lib/background/rekey-pages';
import type { Block } from '../../lib/blocks';
import { openDocDeltaDB } from '../../lib/store/open-db';
import { loadVersionBlocks, recordVisit } from '../../lib/store/page-history';
import { pageTimeline } from '../../lib/store/page-timeline';

const text = (words: string): Block[] => [{ kind: 'paragraph', level: 0, text: words }];
const DRF = 'www.django-rest-framework.org/api-guide/fields';

test('histories an older DocDelta kept under a query key join the page their address names, once, losing nothing', async () => {
  const db = await openDocDeltaDB('rekey-1');
  const visit = (pageKey: string, url: string, words: string, at: number) => recordVisit(db, { pageKey, url, title: 'Fields', siteId: 'django-rest-framework', blocks: text(words), at });
  // The page itself, and the same page reached with a query, as keys were made before the query stopped counting.
  await visit(DRF, 'https://www.django-rest-framework.org/api-guide/fields/', 'Fields, first edition.', 1000);
  await visit(`${DRF}?utm_source=news`, 'https://www.django-rest-framework.org/api-guide/fields/?utm_source=news', 'Fields, first edition.', 2000);
  await visit(`${DRF}?utm_source=news`, 'https://www.django-rest-framework.org/api-guide/fields/?utm_source=news', 'Fields, an edition only the query page saw.', 3000);
  // A page no other key names: it moves whole.
  await visit('www.django-rest-framework.org/api-guide/views?q=1', 'https://www.django-rest-framework.org/api-guide/views/?q=1', 'Views.', 4000);

  expect(await rekeyPages(db)).toBe(2);
  expect((await db.getAllKeys('pages')).sort()).toEqual([DRF, 'www.django-rest-framework.org/api-guide/views']);
  const texts = async (key: string) => Promise.all((await pageTimeline(db, key)).map(async (v) => (await loadVersionBlocks(db, v.versionId)).map((b) => b.text).join(' ')));
  expect((await texts(DRF)).sort()).toEqual(['Fields, an edition only the query page saw.', 'Fields, first edition.']);
  expect(await texts('www.django-rest-framework.org/api-guide/views')).toEqual(['Views.']);
  // Visits from both keys are the page's now.
  expect((await db.get('pages', DRF))!.views.map((view) => view.first)).toEqual([1000, 2000, 3000]);
  // Nothing is left under the old keys, and a second run has nothing to do.
  expect(await db.countFromIndex('versions', 'byPage', `${DRF}?utm_source=news`)).toBe(0);
  expect(await rekeyPages(db)).toBe(0);
});

test('a history an older DocDelta kept under a canonical link joins the page its address names; one whose site is gone stays', async () => {
  const db = await openDocDeltaDB('rekey-2');
  // Visited at /3.14/…, which then named /api-guide/fields as its canonical link.
  await recordVisit(db, { pageKey: DRF, url: 'https://www.django-rest-framework.org/3.14/api-guide/fields/', title: 'Fields', siteId: 'django-rest-framework', blocks: text('Fields in 3.14.'), at: 1000 });
  // A page of a site the reader has since removed.
  await recordVisit(db, { pageKey: 'docs.removed.example/guide?x=1', url: 'https://docs.removed.example/guide?x=1', title: 'Guide', siteId: 'custom:https://docs.removed.example/*', blocks: text('Guide.'), at: 2000 });
  expect(await rekeyPages(db)).toBe(1);
  expect((await db.getAllKeys('pages')).sort()).toEqual(['docs.removed.example/guide?x=1', 'www.django-rest-framework.org/3.14/api-guide/fields']);
  expect((await loadVersionBlocks(db, (await pageTimeline(db, 'www.django-rest-framework.org/3.14/api-guide/fields'))[0]!.versionId)).map((b) => b.text)).toEqual(['Fields in 3.14.']);
});
