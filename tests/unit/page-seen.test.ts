import 'fake-indexeddb/auto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { handlePageSeen } from '../../lib/background/page-seen';
import { FEED_REFRESH_MS } from '../../lib/background/page-sources';
import { setFeed } from '../../lib/background/feed-settings';
import { openDocDeltaDB } from '../../lib/store/open-db';
import { buildMarkdownFeed } from '../support/corpus-feed';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';
import { serveFolder } from '../../harness/static-server';
import { ingestSourceVersions } from '../../lib/store/ingest-source-versions';
import { diffPages } from '../../lib/diff/diff-pages';
import { originIn } from '../../lib/store/version-origins';

const page = loadCorpus().find((p) => p.slug === 'api-guide__pagination')!;
const sources = page.versions.filter((v) => v.markdownPath);
const fast = { timeoutMs: 2000, retries: 0, backoffMs: 1 };
let server: Awaited<ReturnType<typeof serveFolder>>;
let feedFolder: string;

/** Publishes a feed holding the page's markdown sources up to `count`. */
async function publish(count: number) {
  await buildMarkdownFeed(page, sources.slice(0, count), feedFolder);
}

beforeAll(async () => {
  feedFolder = join(mkdtempSync(join(tmpdir(), 'docdelta-feed-')), 'feed');
  await publish(sources.length - 1);
  server = await serveFolder(join(feedFolder, '..'));
});
afterAll(() => server.close());

describe('a visited page keeps up with its feed', () => {
  test('the first visit waits for the feed; later visits refresh it in the background at most hourly', async () => {
    const db = await openDocDeltaDB('page-seen-1');
    await setFeed(db, 'django-rest-framework', `${server.url}/feed/index.json`);
    const live = corpusBlocks(page, sources.at(-2)!);
    const visit = (now: number) => handlePageSeen(db, { url: page.url, title: 'Pagination', blocks: live, now }, { sync: fast });
    const feedVersions = async () => (await db.getAllFromIndex('versions', 'byPage', 'www.django-rest-framework.org/api-guide/pagination')).filter((v) => originIn(v, 'feed')).length;
    const t0 = Date.now();

    const first = await visit(t0);
    expect(first.response.baseline?.source).toBe('feed');
    const afterFirst = await feedVersions();
    expect(afterFirst).toBeGreaterThan(1);

    // Ten minutes later: the feed is not asked again.
    let asked = server.requests.length;
    await (await visit(t0 + 10 * 60_000)).housekeeping;
    expect(server.requests.length).toBe(asked);

    // The feed publishes a new version; after an hour the next visit brings it in, without
    // downloading again what it already has.
    await publish(sources.length);
    asked = server.requests.length;
    const later = await visit(t0 + FEED_REFRESH_MS + 1);
    // The reader's own last visit is the baseline now, and the page has not changed since.
    expect(later.response).toMatchObject({ baseline: null, changes: { changes: [] } });
    await later.housekeeping;
    const fetched = server.requests.slice(asked);
    expect(fetched.filter((path) => path.includes('/content/'))).toHaveLength(1);
    expect(await feedVersions()).toBe(afterFirst + 1);
  });
});

describe('a first visit with history from an archive', () => {
  test('a reload still compares the page with the version before it, as on the visit the history was asked from', async () => {
    const db = await openDocDeltaDB('page-seen-archive');
    const pageKey = 'www.django-rest-framework.org/api-guide/pagination';
    const htmlVersions = page.versions.slice(-4);
    const live = corpusBlocks(page, htmlVersions.at(-1)!);
    const visit = (now: number) => handlePageSeen(db, { url: page.url, title: 'Pagination', blocks: live, now });
    const t0 = Date.now();
    expect((await visit(t0)).response.baseline).toBeNull();
    await ingestSourceVersions(db, { pageKey, url: page.url, title: 'Pagination', siteId: 'django-rest-framework' }, 'archive',
      htmlVersions.map((v) => ({ id: v.stem.slice(0, 15).replace('T', ''), time: Date.parse(v.date), blocks: corpusBlocks(page, v) })));
    const again = (await visit(t0 + 60_000)).response;
    expect(again.baseline?.source).toBe('archive');
    const words = (blocks: readonly { text: string }[]) => blocks.map((b) => b.text).join(' ');
    const previous = htmlVersions.slice(0, -1).reverse().find((v) => words(corpusBlocks(page, v)) !== words(live))!;
    expect(again.changes).toEqual(diffPages(corpusBlocks(page, previous), live));
  });
});
