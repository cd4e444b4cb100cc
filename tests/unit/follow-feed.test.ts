import 'fake-indexeddb/auto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildFeed } from '../../cli/feed/build-feed';
import { snapshotVersions } from '../../cli/feed/snapshot-source';
import { siteChanges } from '../../lib/changes/site-changes';
import { diffPages } from '../../lib/diff/diff-pages';
import { checkFeedFollow } from '../../lib/follow/feed-follow';
import { newSourceState } from '../../lib/follow/follow-schedule';
import { directReaders } from '../../lib/published/direct-readers';
import { findSite } from '../../lib/sites/find-site';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { openDocDeltaDB } from '../../lib/store/open-db';
import { loadCorpus, type CorpusPage } from '../support/corpus';

// Following Django REST framework through a feed: the project's builder makes the site's feed
// from the corpus's markdown as it stood when the reader followed (26 Feb 2026), then again a
// week later, as a publisher rebuilding it would. Checks run hourly against whichever is served.

const HOUR = 3600_000;
const FOLLOWED_AT = Date.parse('2026-02-26T09:00:00Z');
const WEEK_END = FOLLOWED_AT + 7 * 24 * HOUR;
const FEED_URL = 'https://feed.example.org/drf/index.json';
const pages = loadCorpus();
const drf = builtinSites.find((site) => site.id === 'django-rest-framework')!;

/** The feed of every page's markdown up to `until`, built as its publisher would, at `until`. */
async function feedAt(until: number): Promise<string> {
  const snapshots = mkdtempSync(join(tmpdir(), 'docdelta-follow-snap-'));
  for (const page of pages) {
    mkdirSync(join(snapshots, page.slug));
    for (const version of page.versions) if (version.markdownPath && Date.parse(version.date) <= until) copyFileSync(version.markdownPath, join(snapshots, page.slug, `${version.stem}.md`));
  }
  const out = mkdtempSync(join(tmpdir(), 'docdelta-follow-feed-'));
  await buildFeed(snapshotVersions(snapshots, 'https://www.django-rest-framework.org/{path}/'), { out, title: 'DRF', now: () => new Date(until) });
  return out;
}

/** The host of the feed: files from `folder()`, every request counted. */
function feedHost(folder: () => string, sent: string[]): typeof fetch {
  return async (input) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    sent.push(url.pathname);
    const path = join(folder(), url.pathname.replace(/^\/drf\//, ''));
    return existsSync(path) ? new Response(readFileSync(path), { status: 200 }) : new Response('not found', { status: 404 });
  };
}

const markdownAt = (page: CorpusPage, time: number) => page.versions.filter((v) => v.markdownPath && Date.parse(v.date) <= time).at(-1);
const readAt = (page: CorpusPage, time: number) => directReaders.contentBlocks('markdown', readFileSync(markdownAt(page, time)!.markdownPath!), findSite(new URL(page.url)));

describe('following a site through its feed', () => {
  test('the feed rebuilt a week later: its changed pages, read once, with the words a diff counts; an unchanged feed costs one request', async () => {
    const db = await openDocDeltaDB('follow-feed-1');
    const [before, after] = [await feedAt(FOLLOWED_AT), await feedAt(WEEK_END)];
    let served = before;
    const sent: string[] = [];
    const fetch = feedHost(() => served, sent);
    let state = newSourceState(FOLLOWED_AT);
    const first = await checkFeedFollow(db, FEED_URL, drf, state, FOLLOWED_AT, async () => true, { fetch, retries: 0 });
    expect(first.error).toBeNull();
    state = first.state;

    // An hour later, nothing rebuilt: the index only.
    sent.length = 0;
    const quiet = await checkFeedFollow(db, FEED_URL, drf, state, FOLLOWED_AT + HOUR, async () => true, { fetch, retries: 0 });
    expect([quiet.requests, quiet.pages, sent]).toEqual([1, 0, ['/drf/index.json']]);

    served = after;
    sent.length = 0;
    const rebuilt = await checkFeedFollow(db, FEED_URL, drf, quiet.state, WEEK_END, async () => true, { fetch, retries: 0 });
    expect(rebuilt.error).toBeNull();
    const changed = pages.filter((page) => markdownAt(page, FOLLOWED_AT)?.stem !== markdownAt(page, WEEK_END)?.stem && diffPages(readAt(page, FOLLOWED_AT), readAt(page, WEEK_END)).changes.length > 0);
    expect(changed.length).toBeGreaterThanOrEqual(3);
    expect(changed.length).toBeLessThan(pages.length);
    expect(rebuilt.pages).toBe(changed.length);
    // The index once, the shard once, then only the changed pages' own files.
    expect(sent.filter((path) => path === '/drf/index.json')).toHaveLength(1);
    expect(sent.filter((path) => path.startsWith('/drf/pages/'))).toHaveLength(1);

    const [site] = await siteChanges(db, { kind: 'since', at: FOLLOWED_AT }, WEEK_END, [{ siteId: 'django-rest-framework', followedAt: FOLLOWED_AT, seenAt: FOLLOWED_AT, sources: { feed: rebuilt.state } }]);
    expect(site!.pages.map((page) => page.url).sort()).toEqual(changed.map((page) => page.url).sort());
    for (const page of changed) {
      const expected = diffPages(readAt(page, FOLLOWED_AT), readAt(page, WEEK_END));
      expect(site!.pages.find((listed) => listed.url === page.url)).toMatchObject({ addedWords: expected.addedWords, removedWords: expected.removedWords });
    }
    // Read once: checking the rebuilt feed again asks for the index and nothing else.
    sent.length = 0;
    const again = await checkFeedFollow(db, FEED_URL, drf, rebuilt.state, WEEK_END + HOUR, async () => true, { fetch, retries: 0 });
    expect([again.pages, sent]).toEqual([0, ['/drf/index.json']]);
  });

  test('a feed cannot add versions to another site\'s pages, or to a page under a name not its own', async () => {
    const db = await openDocDeltaDB('follow-feed-3');
    const folder = await feedAt(WEEK_END);
    const sent: string[] = [];
    const honest = feedHost(() => folder, sent);
    // The shard, rewritten by a hostile publisher: one page claims another site's key, one another site's address.
    const hostile: typeof fetch = async (input, init) => {
      const response = await honest(input, init);
      if (!String(input).includes('/pages/')) return response;
      const shard = JSON.parse(await response.text()) as { pages: Array<{ key: string; url: string }> };
      shard.pages[0]!.key = 'developer.mozilla.org/en-US/docs/Web/API/fetch';
      shard.pages[1]!.url = 'https://developer.mozilla.org/en-US/docs/Web/API/Request';
      shard.pages[1]!.key = 'developer.mozilla.org/en-US/docs/Web/API/Request';
      return new Response(JSON.stringify(shard), { status: 200 });
    };
    const outcome = await checkFeedFollow(db, FEED_URL, drf, newSourceState(FOLLOWED_AT), WEEK_END, async () => true, { fetch: hostile, retries: 0 });
    expect(outcome.error).toBeNull();
    const stored = (await db.getAll('pages')).map((page) => page.key);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((key) => key.startsWith('www.django-rest-framework.org/'))).toBe(true);
  });

  test('a feed that cannot be read is an error to back off from, and nothing is stored', async () => {
    const db = await openDocDeltaDB('follow-feed-2');
    const broken: typeof fetch = async () => new Response('{"format":"docdelta-feed","version":1', { status: 200 });
    const outcome = await checkFeedFollow(db, FEED_URL, drf, newSourceState(FOLLOWED_AT), FOLLOWED_AT, async () => true, { fetch: broken, retries: 0 });
    expect(outcome.error?.message).toMatch(/^the feed: /);
    expect(await db.count('versions')).toBe(0);
  });
});
