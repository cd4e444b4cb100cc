import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ArchiveServer } from '../../harness/archive-server';
import { siteChanges, versionPair } from '../../lib/changes/site-changes';
import { textHunks } from '../../lib/changes/text-hunks';
import { followedChangedPages } from '../../lib/changes/followed-changes';
import { diffPages } from '../../lib/diff/diff-pages';
import type { Follow, SourceState } from '../../lib/follow/follow-record';
import { afterCheck, isDue, newSourceState } from '../../lib/follow/follow-schedule';
import { shouldNotify } from '../../lib/follow/follow-notice';
import { checkGithubFollow, type FollowHost } from '../../lib/follow/github-follow';
import { parseCommitDetail } from '../../lib/history/github-commit';
import { RequestBudget, requestsInMemory } from '../../lib/history/request-budget';
import { directReaders } from '../../lib/published/direct-readers';
import { builtinSites } from '../../lib/sites/builtin-sites';
import type { GithubSource } from '../../lib/sites/github-source';
import type { SiteRule } from '../../lib/sites/site-rule';
import { ingestSourceVersions } from '../../lib/store/ingest-source-versions';
import { openDocDeltaDB, type DocDeltaDB } from '../../lib/store/open-db';
import { drfSourceCommits, fileAt } from '../support/drf-source-commits';

// Following Django REST framework through its repository, on the real commits of the week
// from 26 Feb 2026 (five commits changing four of the corpus's seven pages), served by the fake
// GitHub of harness/archive-server.ts, with simulated hours passing: checks run when due.

const HOUR = 3600_000;
const drf = builtinSites.find((site) => site.id === 'django-rest-framework') as SiteRule & { github: GithubSource };
const FOLLOWED_AT = Date.parse('2026-02-26T09:00:00Z');
const WEEK_END = FOLLOWED_AT + 7 * 24 * HOUR;
const commits = drfSourceCommits();
const pageFiles = [...commits.keys()].map((key) => key.slice('encode/django-rest-framework:'.length));

let server: ArchiveServer;
beforeAll(async () => {
  server = await new ArchiveServer().start();
  for (const [key, list] of commits) server.commits.set(key, list);
});
afterAll(() => server?.stop());
beforeEach(() => {
  server.requests.length = 0;
  server.override = null;
});

function hostFor(db: DocDeltaDB, now: () => number, followed: () => boolean = () => true): FollowHost {
  const log = requestsInMemory();
  return {
    ask: { budget: new RequestBudget(50, now, log), fetch: server.fetchVia(), now },
    store: (page, versions) => ingestSourceVersions(db, page, 'github', versions),
    stillWanted: async () => followed(),
  };
}

/** Hours pass from `from` to `to`; the due checks run at each, the fake GitHub's clock with them. */
async function follow(db: DocDeltaDB, from: number, to: number, state: SourceState, followed: () => boolean = () => true) {
  let now = from;
  const checks: number[] = [];
  for (; now <= to; now += HOUR) {
    server.clock = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (!followed() || !isDue(state, now)) continue;
    const outcome = await checkGithubFollow(db, drf, state, now, hostFor(db, () => now, followed));
    state = afterCheck('github', outcome.state, now, outcome.requests, outcome.error && { message: outcome.error.message, retryAt: outcome.error.retryAt });
    checks.push(now);
  }
  return { state, checks };
}

const readAt = (file: string, time: number) => directReaders.contentBlocks('markdown', new TextEncoder().encode(fileAt(commits, file, time) ?? ''), drf);

describe('following a site through its repository', () => {
  test('a week of real commits: exactly the pages they changed, with the words a diff of the pages counts', async () => {
    const db = await openDocDeltaDB('follow-github-1');
    const { state, checks } = await follow(db, FOLLOWED_AT, WEEK_END, newSourceState(FOLLOWED_AT));
    expect(state.error).toBeNull();
    // Four times a day, and each listing of a quiet day is the only request.
    expect(checks).toHaveLength(7 * 4 + 1);
    const changed = pageFiles.filter((file) => fileAt(commits, file, FOLLOWED_AT) !== fileAt(commits, file, WEEK_END));
    expect(changed.length).toBeGreaterThanOrEqual(3);
    expect(changed.length).toBeLessThan(pageFiles.length);

    const follows: Follow[] = [{ siteId: drf.id, followedAt: FOLLOWED_AT, seenAt: FOLLOWED_AT, sources: { github: state } }];
    const [site] = await siteChanges(db, { kind: 'since', at: FOLLOWED_AT }, WEEK_END, follows);
    expect(site!.followed).not.toBeNull();
    expect(site!.pages.map((page) => page.url).sort()).toEqual(changed.map((file) => drf.github.pageOf(file)).sort());
    for (const file of changed) {
      const listed = site!.pages.find((page) => page.url === drf.github.pageOf(file))!;
      const expected = diffPages(readAt(file, FOLLOWED_AT), readAt(file, WEEK_END));
      expect([listed.addedWords, listed.removedWords], file).toEqual([expected.addedWords, expected.removedWords]);
      // Dated by the commits, not by when DocDelta learnt of them.
      const last = commits.get(`encode/django-rest-framework:${file}`)!.find((commit) => Date.parse(commit.date) <= WEEK_END)!;
      expect(listed.changedAt).toBe(Date.parse(last.date));
    }
    expect(await followedChangedPages(db, follows)).toBe(changed.length);
    // Seen: nothing is new any more.
    expect(await followedChangedPages(db, [{ ...follows[0]!, seenAt: WEEK_END }])).toBe(0);
    // Requests stay within a few a day: listings, one per commit, one or two per changed page.
    for (const day of state.requests) expect(day.count).toBeLessThanOrEqual(4 + 2 * 5 + 2 * changed.length);
    expect(server.requests.every((request) => request.host === 'api.github.com' || request.host === 'raw.githubusercontent.com')).toBe(true);
  });

  test('a check cut short by a rate limit resumes where it stopped and stores nothing twice', async () => {
    const db = await openDocDeltaDB('follow-github-2');
    let calls = 0;
    server.override = ({ host }, response) => {
      // The fourth raw file is refused with a spent rate limit.
      if (host !== 'raw.githubusercontent.com' || ++calls !== 4) return false;
      response.writeHead(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor((FOLLOWED_AT + 7 * 24 * HOUR) / 1000)) }).end('{}');
      return true;
    };
    server.clock = new Date(WEEK_END).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const start = { ...newSourceState(FOLLOWED_AT), since: FOLLOWED_AT };
    const kept: SourceState[] = [];
    const first = await checkGithubFollow(db, drf, start, WEEK_END, { ...hostFor(db, () => WEEK_END), keepProgress: async (state) => void kept.push(state) });
    expect(first.error?.retryAt).toBeGreaterThan(WEEK_END - HOUR);
    const cutShort = first.state.head;
    // Kept after each commit read: a worker stopped before the check's end resumes from there too.
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.at(-1)!.head).toEqual(cutShort);
    server.override = null;
    const second = await checkGithubFollow(db, drf, first.state, WEEK_END + HOUR, hostFor(db, () => WEEK_END + HOUR));
    expect(second.error).toBeNull();
    expect(second.state.head!.time).toBeGreaterThan(cutShort?.time ?? 0);
    const [site] = await siteChanges(db, { kind: 'since', at: FOLLOWED_AT }, WEEK_END, [{ siteId: drf.id, followedAt: FOLLOWED_AT, seenAt: FOLLOWED_AT, sources: { github: second.state } }]);
    const changed = pageFiles.filter((file) => fileAt(commits, file, FOLLOWED_AT) !== fileAt(commits, file, WEEK_END));
    expect(site!.pages).toHaveLength(changed.length);
    // A third check finds nothing new: one listing.
    server.requests.length = 0;
    const third = await checkGithubFollow(db, drf, second.state, WEEK_END + 2 * HOUR, hostFor(db, () => WEEK_END + 2 * HOUR));
    expect([third.requests, third.pages]).toEqual([1, 0]);
  });

  test('a budget of three requests an hour: the week is read across the hours, no file asked for twice', async () => {
    const db = await openDocDeltaDB('follow-github-4');
    const log = requestsInMemory();
    let state = newSourceState(FOLLOWED_AT);
    server.requests.length = 0;
    // Every commit of the week at once (a reader back after a week), then an hour at a time.
    server.clock = new Date(WEEK_END).toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (let now = WEEK_END; now < WEEK_END + 48 * HOUR; now += HOUR) {
      if (!isDue(state, now)) continue;
      const host: FollowHost = { ...hostFor(db, () => now), ask: { budget: new RequestBudget(3, () => now, log), fetch: server.fetchVia(), now: () => now } };
      const outcome = await checkGithubFollow(db, drf, state, now, host);
      state = afterCheck('github', outcome.state, now, outcome.requests, outcome.error && { message: outcome.error.message, retryAt: outcome.error.retryAt });
    }
    expect(state.error).toBeNull();
    const raw = server.requests.filter((request) => request.host === 'raw.githubusercontent.com').map((request) => request.path);
    expect(raw.length).toBeGreaterThan(5);
    expect(new Set(raw).size).toBe(raw.length);
    const changed = pageFiles.filter((file) => fileAt(commits, file, FOLLOWED_AT) !== fileAt(commits, file, WEEK_END));
    const [site] = await siteChanges(db, { kind: 'since', at: FOLLOWED_AT }, WEEK_END, [{ siteId: drf.id, followedAt: FOLLOWED_AT, seenAt: FOLLOWED_AT, sources: { github: state } }]);
    expect(site!.pages).toHaveLength(changed.length);
  });

  test('a page a commit of the week added is listed as new, all of its words added', async () => {
    const db = await openDocDeltaDB('follow-github-5');
    // A page added mid-week (its text a real page's): its file has one commit, in the week.
    const added = { sha: 'c'.repeat(40), date: '2026-02-28T10:00:00Z', message: 'Docs: add a guide', content: fileAt(commits, 'docs/tutorial/1-serialization.md', WEEK_END)! };
    server.commits.set('encode/django-rest-framework:docs/topics/new-guide.md', [added]);
    try {
      const { state } = await follow(db, FOLLOWED_AT, WEEK_END, newSourceState(FOLLOWED_AT));
      const follows: Follow[] = [{ siteId: drf.id, followedAt: FOLLOWED_AT, seenAt: FOLLOWED_AT, sources: { github: state } }];
      const [site] = await siteChanges(db, { kind: 'since', at: FOLLOWED_AT }, WEEK_END, follows);
      const listed = site!.pages.find((page) => page.url === drf.github.pageOf('docs/topics/new-guide.md'))!;
      const expected = diffPages([], directReaders.contentBlocks('markdown', new TextEncoder().encode(added.content), drf));
      expect(listed).toMatchObject({ fromVersionId: null, addedWords: expected.addedWords, removedWords: 0, changedAt: Date.parse(added.date) });
      expect(expected.addedWords).toBeGreaterThan(500);
      // Its details: every block added, as text.
      const [before, after] = (await versionPair(db, listed.pageKey, null, listed.toVersionId))!;
      expect(before).toEqual([]);
      expect(textHunks(before, after).removedBlocks).toBe(0);
      // The badge counts it; a period that starts after it was added does not list it.
      expect(await followedChangedPages(db, follows)).toBe(site!.pages.length);
      const [later] = await siteChanges(db, { kind: 'since', at: Date.parse(added.date) + 1 }, WEEK_END, follows);
      expect(later!.pages.some((page) => page.pageKey === listed.pageKey)).toBe(false);
    } finally {
      server.commits.delete('encode/django-rest-framework:docs/topics/new-guide.md');
    }
  });

  test('a page a commit of the week removed is listed as removed, all of its words gone', async () => {
    const db = await openDocDeltaDB('follow-github-6');
    const file = 'docs/api-guide/permissions.md';
    const gone = { sha: 'd'.repeat(40), date: '2026-03-02T10:00:00Z', message: 'Docs: drop the permissions guide', content: '', removed: true };
    const kept = server.commits.get(`encode/django-rest-framework:${file}`)!;
    server.commits.set(`encode/django-rest-framework:${file}`, [gone, ...kept]);
    try {
      const { state } = await follow(db, FOLLOWED_AT, WEEK_END, newSourceState(FOLLOWED_AT));
      const follows: Follow[] = [{ siteId: drf.id, followedAt: FOLLOWED_AT, seenAt: FOLLOWED_AT, sources: { github: state } }];
      const [site] = await siteChanges(db, { kind: 'since', at: FOLLOWED_AT }, WEEK_END, follows);
      const listed = site!.pages.find((page) => page.url === drf.github.pageOf(file))!;
      const expected = diffPages(readAt(file, FOLLOWED_AT), []);
      expect(listed).toMatchObject({ toVersionId: null, addedWords: 0, removedWords: expected.removedWords, changedAt: Date.parse(gone.date) });
      expect(expected.removedWords).toBeGreaterThan(500);
      const [before, after] = (await versionPair(db, listed.pageKey, listed.fromVersionId, null))!;
      expect(after).toEqual([]);
      expect(textHunks(before, after).addedBlocks).toBe(0);
      // A period that starts after it went does not list it.
      const [later] = await siteChanges(db, { kind: 'since', at: Date.parse(gone.date) + 1 }, WEEK_END, follows);
      expect(later!.pages.some((page) => page.pageKey === listed.pageKey)).toBe(false);
    } finally {
      server.commits.set(`encode/django-rest-framework:${file}`, kept);
    }
  });

  test('unfollowed mid-week: no request after that', async () => {
    const db = await openDocDeltaDB('follow-github-3');
    const unfollowAt = FOLLOWED_AT + 2 * 24 * HOUR;
    let now = FOLLOWED_AT;
    const followed = () => now < unfollowAt;
    let state = newSourceState(FOLLOWED_AT);
    let requestsAfter = 0;
    for (; now <= WEEK_END; now += HOUR) {
      server.clock = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const before = server.requests.length;
      if (followed() && isDue(state, now)) {
        const outcome = await checkGithubFollow(db, drf, state, now, hostFor(db, () => now, followed));
        state = afterCheck('github', outcome.state, now, outcome.requests, null);
      }
      if (!followed()) requestsAfter += server.requests.length - before;
    }
    expect(requestsAfter).toBe(0);
  });

  test('errors back off, doubling up to a day; a host\'s Retry-After is a pause', () => {
    let state = newSourceState(0);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      state = afterCheck('github', state, 0, 1, { message: 'GitHub answered 500; try again later.', retryAt: null });
      waits.push(state.nextAt / HOUR);
    }
    expect(waits).toEqual([12, 24, 24, 24, 24, 24]);
    // A pause the host (or the hour's budget) asked for is kept, and is no failure.
    expect(afterCheck('feed', newSourceState(0), 0, 1, { message: 'busy', retryAt: 30 * HOUR })).toMatchObject({ nextAt: 30 * HOUR, failures: 0 });
    expect(afterCheck('github', state, 0, 1, null)).toMatchObject({ failures: 0, error: null, nextAt: 6 * HOUR });
  });
});

describe('telling the reader', () => {
  const follow: Follow = { siteId: drf.id, followedAt: 0, seenAt: 10 * HOUR, notify: true, sources: {} };
  test('once a day at most, and only of changes since they looked and since they were told', () => {
    const week = { pagesThisWeek: 3, newestChange: 20 * HOUR };
    expect(shouldNotify(follow, week, 21 * HOUR)).toBe(true);
    expect(shouldNotify({ ...follow, notify: false }, week, 21 * HOUR)).toBe(false);
    // Seen after the newest change: nothing to tell.
    expect(shouldNotify({ ...follow, seenAt: 20 * HOUR }, week, 21 * HOUR)).toBe(false);
    // Told an hour ago: not again today, even of a newer change.
    expect(shouldNotify({ ...follow, notifiedAt: 20.5 * HOUR }, { ...week, newestChange: 21 * HOUR }, 21.5 * HOUR)).toBe(false);
    // A day later, a change since the last notice is told; the one already told is not.
    expect(shouldNotify({ ...follow, notifiedAt: 20.5 * HOUR }, { ...week, newestChange: 40 * HOUR }, 45 * HOUR)).toBe(true);
    expect(shouldNotify({ ...follow, notifiedAt: 20.5 * HOUR }, week, 45 * HOUR)).toBe(false);
    expect(shouldNotify(follow, { pagesThisWeek: 0, newestChange: 20 * HOUR }, 21 * HOUR)).toBe(false);
  });
});

describe('a commit as GitHub answers it', () => {
  const sha = 'a'.repeat(40);
  const answer = (extra: Record<string, unknown> = {}) => JSON.stringify({
    sha, commit: { committer: { date: '2026-03-01T18:59:26Z' }, message: 'Docs: move the knox section\n\nbody' }, parents: [{ sha: 'b'.repeat(40) }],
    files: [{ filename: 'docs/api-guide/fields.md', status: 'modified' }, { filename: 'docs/new.md', status: 'renamed', previous_filename: 'docs/old.md' }], ...extra,
  });
  test('is read whole: its parent, its files, its first line', () => {
    expect(parseCommitDetail(answer())).toEqual({
      sha, time: Date.parse('2026-03-01T18:59:26Z'), subject: 'Docs: move the knox section', parent: 'b'.repeat(40),
      files: [{ file: 'docs/api-guide/fields.md', status: 'modified', previous: null }, { file: 'docs/new.md', status: 'renamed', previous: 'docs/old.md' }],
    });
  });
  test('anything else is refused in plain words, nothing taken from it', () => {
    for (const text of ['not json', '[]', answer({ sha: 'nope' }), answer({ parents: 'x' }), answer({ files: [{ filename: '' }] }), answer({ files: Array(301).fill({ filename: 'a', status: 'added' }) })]) {
      expect(() => parseCommitDetail(text), text.slice(0, 40)).toThrow(/^GitHub's commit could not be read \(.+\); nothing was stored\.$/);
    }
  });
});
