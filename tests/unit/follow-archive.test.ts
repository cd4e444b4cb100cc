import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ArchiveServer } from '../../harness/archive-server';
import { siteChanges } from '../../lib/changes/site-changes';
import { diffPages } from '../../lib/diff/diff-pages';
import { checkArchiveFollow } from '../../lib/follow/archive-follow';
import type { SourceState } from '../../lib/follow/follow-record';
import { afterCheck, isDue, newSourceState } from '../../lib/follow/follow-schedule';
import type { FollowHost } from '../../lib/follow/github-follow';
import { RequestBudget, requestsInMemory } from '../../lib/history/request-budget';
import { docsPrefixes } from '../../lib/history/wayback-prefix';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { ingestSourceVersions } from '../../lib/store/ingest-source-versions';
import { openDocDeltaDB, type DocDeltaDB } from '../../lib/store/open-db';
import { corpusBlocks } from '../support/corpus-blocks';
import { loadCorpus, readHtml, type CorpusPage } from '../support/corpus';

// Following Django REST framework at the Internet Archive (turned on for the site): the
// corpus's real deploys served as the archive's captures of the site, one listing of the
// site's prefix a day through the week from 14 Oct 2016: five pages were deployed anew, four of
// them read differently at the week's end (the fifth's deploy changed nothing a reader sees).

const HOUR = 3600_000;
const drf = builtinSites.find((site) => site.id === 'django-rest-framework')!;
const FOLLOWED_AT = Date.parse('2016-10-14T12:33:49Z');
const WEEK_END = FOLLOWED_AT + 7 * 24 * HOUR;
const pages = loadCorpus();
const timestampOf = (date: string) => new Date(Date.parse(date)).toISOString().replace(/\D/g, '').slice(0, 14);
const digestOf = (text: string) => createHash('sha1').update(text).digest('hex').toUpperCase().replace(/[^A-Z2-7]/g, 'Q').slice(0, 32);
const versionAt = (page: CorpusPage, time: number) => page.versions.filter((v) => Date.parse(v.date) <= time).at(-1)!;

let server: ArchiveServer;
beforeAll(async () => {
  server = await new ArchiveServer().start();
  for (const page of pages) server.captures.set(page.url, page.versions.map((v) => ({ timestamp: timestampOf(v.date), digest: digestOf(readHtml(v)), body: readHtml(v) })));
});
afterAll(() => server?.stop());

function hostFor(db: DocDeltaDB, now: () => number): FollowHost {
  return {
    ask: { budget: new RequestBudget(50, now, requestsInMemory()), fetch: server.fetchVia(), now },
    store: (page, versions) => ingestSourceVersions(db, page, 'archive', versions),
    stillWanted: async () => true,
  };
}

describe('following a site at the Internet Archive', () => {
  test('a site is listed under the prefixes of its patterns', () => {
    expect(docsPrefixes(drf)).toEqual(['www.django-rest-framework.org/']);
    expect(docsPrefixes({ patterns: ['https://platform.openai.com/docs/*', 'https://developers.openai.com/*', 'https://*.example.org/*'] })).toEqual(['platform.openai.com/docs/', 'developers.openai.com/']);
  });

  test('the site\'s prefix, once a day: exactly the pages whose captures changed, with the words a diff counts', async () => {
    const db = await openDocDeltaDB('follow-archive-1');
    let state: SourceState = newSourceState(FOLLOWED_AT);
    const listings: number[] = [];
    for (let now = FOLLOWED_AT; now <= WEEK_END; now += HOUR) {
      server.clock = new Date(now).toISOString();
      if (!isDue(state, now)) continue;
      const before = server.requests.length;
      const outcome = await checkArchiveFollow(db, drf, state, now, hostFor(db, () => now));
      expect(outcome.error).toBeNull();
      state = afterCheck('archive', outcome.state, now, outcome.requests, null);
      listings.push(server.requests.slice(before).filter((r) => r.path === '/cdx/search/cdx' && r.query.includes('matchType=prefix')).length);
    }
    // Once a day, one listing each.
    expect(listings).toEqual(Array(8).fill(1));
    // Changed: read differently at the week's end than at its start (a deploy undone within the week is no change).
    const changed = pages.filter((page) => diffPages(corpusBlocks(page, versionAt(page, FOLLOWED_AT)), corpusBlocks(page, versionAt(page, WEEK_END))).changes.length > 0);
    expect(changed.length).toBeGreaterThanOrEqual(3);
    expect(changed.length).toBeLessThan(pages.filter((page) => page.versions.some((v) => Date.parse(v.date) > FOLLOWED_AT && Date.parse(v.date) <= WEEK_END)).length);
    expect(changed.length).toBeLessThan(pages.length);
    const [site] = await siteChanges(db, { kind: 'since', at: FOLLOWED_AT }, WEEK_END, [{ siteId: drf.id, followedAt: FOLLOWED_AT, seenAt: FOLLOWED_AT, sources: { archive: state } }]);
    expect(site!.pages.map((page) => page.url).sort()).toEqual(changed.map((page) => page.url).sort());
    for (const page of changed) {
      const expected = diffPages(corpusBlocks(page, versionAt(page, FOLLOWED_AT)), corpusBlocks(page, versionAt(page, WEEK_END)));
      expect(site!.pages.find((listed) => listed.url === page.url), page.slug).toMatchObject({ addedWords: expected.addedWords, removedWords: expected.removedWords });
    }
  });
});
