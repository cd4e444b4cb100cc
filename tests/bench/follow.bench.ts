import 'fake-indexeddb/auto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import { buildFeed } from '../../cli/feed/build-feed';
import { snapshotVersions } from '../../cli/feed/snapshot-source';
import { checkFeedFollow } from '../../lib/follow/feed-follow';
import { ArchiveServer } from '../../harness/archive-server';
import { historyFromSource } from '../../lib/background/history-from-source';
import type { SourceState } from '../../lib/follow/follow-record';
import { afterCheck, isDue, newSourceState } from '../../lib/follow/follow-schedule';
import { checkGithubFollow } from '../../lib/follow/github-follow';
import { githubHistorySource } from '../../lib/history/github-history-source';
import { RequestBudget, requestsInMemory } from '../../lib/history/request-budget';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { markdownFiles, markdownPage, pathUnder, type GithubSource } from '../../lib/sites/github-source';
import type { SiteRule } from '../../lib/sites/site-rule';
import { ingestSourceVersions } from '../../lib/store/ingest-source-versions';
import { openDocDeltaDB, type DocDeltaDB } from '../../lib/store/open-db';
import { recordVisit } from '../../lib/store/page-history';
import { drfSourceCommits } from '../support/drf-source-commits';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';
import { median, printTable, ratioSpread, spread, type Row } from './report';

// `npm run bench`: what following costs. Twenty followed sites, each a repository replaying the
// real commits of Django REST framework's docs folder (tests/fixtures/drf), checked through one
// day as the alarm checks them (every six hours), by the same code the background runs, against
// a local stand-in for GitHub (harness/archive-server.ts). A quiet day (no commit) and the
// week's busiest day (two commits, two pages); the baseline, measured in the same run, is one
// click on "Get this page's history from GitHub" for one page (what a reader already does).
// The same twenty sites followed by their feeds instead (DRF's feed as the builder makes it),
// the index hourly: a quiet day, and a day on which the publisher rebuilt the feed once.
const SITES = 20;
const HOUR = 3600_000;
const ROUNDS = 5;
const drf = builtinSites.find((site) => site.id === 'django-rest-framework')!;
// From 02:00 UTC: the day's four checks (02, 08, 14, 20 h) see both of 1 March's evening commits.
const BUSY_DAY = Date.parse('2026-03-01T02:00:00Z');
const QUIET_DAY = Date.parse('2026-03-04T00:00:00Z');
const commits = drfSourceCommits();

/** The i-th followed site: DRF's pages under its own host and repository. */
function siteOf(i: number): SiteRule & { github: GithubSource } {
  const origin = `https://site-${i}.docs.test`;
  return {
    ...drf, id: `bench-${i}`, name: `Site ${i}`, patterns: [`${origin}/*`], matches: (url) => url.origin === origin,
    github: { repo: `bench/site-${i}`, branch: 'main', folder: 'docs', files: (url) => markdownFiles('docs', pathUnder(url)), pageOf: (file) => markdownPage(origin, 'docs', file, { slash: true }), examples: [] },
  };
}

let server: ArchiveServer;
beforeAll(async () => {
  server = await new ArchiveServer().start();
  for (let i = 0; i < SITES; i++) for (const [key, list] of commits) server.commits.set(key.replace('encode/django-rest-framework', `bench/site-${i}`), list);
});
afterAll(() => server?.stop());

const host = (db: DocDeltaDB, now: number) => ({
  ask: { budget: new RequestBudget(1e6, () => now, requestsInMemory()), fetch: server.fetchVia(), now: () => now },
  store: (page: Parameters<typeof ingestSourceVersions>[1], versions: Parameters<typeof ingestSourceVersions>[3]) => ingestSourceVersions(db, page, 'github', versions),
  stillWanted: async () => true,
});

/** Every site followed since the day before `day`, then the day's four checks of each: requests, bytes and ms of the day alone. */
async function followDay(day: number, round: number) {
  const db = await openDocDeltaDB(`follow-bench-${day}-${round}`);
  const states: SourceState[] = [];
  server.clock = new Date(day).toISOString();
  for (let i = 0; i < SITES; i++) {
    const outcome = await checkGithubFollow(db, siteOf(i), newSourceState(day - DAY_BEFORE), day - 1, host(db, day - 1));
    states.push(afterCheck('github', outcome.state, day - DAY_BEFORE, outcome.requests, null));
  }
  const [requests, bytes] = [server.requests.length, server.bytesSent];
  const started = performance.now();
  for (let now = day; now < day + 24 * HOUR; now += HOUR) {
    server.clock = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (let i = 0; i < SITES; i++) {
      if (!isDue(states[i]!, now)) continue;
      const outcome = await checkGithubFollow(db, siteOf(i), states[i]!, now, host(db, now));
      if (outcome.error) throw outcome.error;
      states[i] = afterCheck('github', outcome.state, now, outcome.requests, null);
    }
  }
  return { ms: performance.now() - started, requests: server.requests.length - requests, bytes: server.bytesSent - bytes };
}
const DAY_BEFORE = 6 * HOUR;

/** The baseline: one page's history from GitHub at the reader's click (listing and five versions, stored). */
async function oneClick(round: number) {
  const db = await openDocDeltaDB(`follow-bench-click-${round}`);
  const page = loadCorpus().find((p) => p.slug === 'api-guide__fields')!;
  const pageKey = page.url.replace(/^https:\/\//, '').replace(/\/$/, '');
  await recordVisit(db, { pageKey, url: page.url, title: 'Fields', siteId: drf.id, blocks: corpusBlocks(page, page.versions.at(-1)!), at: Date.now() });
  server.clock = null;
  const [requests, bytes] = [server.requests.length, server.bytesSent];
  const started = performance.now();
  const ask = { budget: new RequestBudget(1e6, Date.now, requestsInMemory()), fetch: server.fetchVia() };
  await historyFromSource(db, { pageKey, url: page.url, title: 'Fields', siteId: drf.id }, 'github', githubHistorySource(page.url, { ...drf, github: { ...drf.github!, repo: 'bench/site-0' } }, ask));
  return { ms: performance.now() - started, requests: server.requests.length - requests, bytes: server.bytesSent - bytes };
}

/** A feed of DRF's pages under `origin`, as its publisher builds it at `until`, into `out`. */
async function buildDrfFeed(out: string, until: number, origin: string) {
  const snapshots = mkdtempSync(join(tmpdir(), 'docdelta-bench-snap-'));
  for (const [key, list] of commits) {
    const page = key.split(':')[1]!.replace(/^docs\//, '').replace(/\.md$/, '').replaceAll('/', '__');
    mkdirSync(join(snapshots, page));
    for (const commit of list.filter((c) => Date.parse(c.date) <= until)) writeFileSync(join(snapshots, page, `${commit.date.replace(/[-:]/g, '')}_${commit.sha.slice(0, 8)}.md`), commit.content);
  }
  await buildFeed(snapshotVersions(snapshots, `${origin}/{path}/`), { out, title: 'DRF', now: () => new Date(until) });
}

/** Twenty sites' feeds for a day, each checked hourly: requests, bytes and ms (the feeds served from memory, as files). */
async function followFeedsDay(day: number, rebuiltAt: number | null, round: number) {
  const db = await openDocDeltaDB(`follow-bench-feed-${day}-${round}`);
  // Each site's feed names its own pages (site-i.docs.test), as twenty real sites' would.
  const feeds: Array<{ before: string; after: string }> = [];
  for (let i = 0; i < SITES; i++) {
    const [before, after] = [mkdtempSync(join(tmpdir(), 'docdelta-bench-feed-')), mkdtempSync(join(tmpdir(), 'docdelta-bench-feed-'))];
    await buildDrfFeed(before, day, siteOf(i).patterns[0]!.replace('/*', ''));
    await buildDrfFeed(after, rebuiltAt ?? day, siteOf(i).patterns[0]!.replace('/*', ''));
    feeds.push({ before, after });
  }
  let now = day;
  let [requests, bytes] = [0, 0];
  const fetchFeed: typeof fetch = async (input) => {
    const url = new URL(String(input));
    const [site, ...rest] = url.pathname.split('/').slice(1);
    const feed = feeds[Number(site!.replace('site-', ''))]!;
    const path = join(rebuiltAt !== null && now >= rebuiltAt ? feed.after : feed.before, rest.join('/'));
    requests++;
    if (!existsSync(path)) return new Response('', { status: 404 });
    const body = readFileSync(path);
    bytes += body.byteLength;
    return new Response(body, { status: 200 });
  };
  const states: SourceState[] = [];
  // Followed the day before: each feed's pages already read once.
  for (let i = 0; i < SITES; i++) states.push((await checkFeedFollow(db, `https://feeds.test/site-${i}/index.json`, siteOf(i), newSourceState(day - HOUR), day - HOUR, async () => true, { fetch: fetchFeed, retries: 0 })).state);
  [requests, bytes] = [0, 0];
  const started = performance.now();
  for (now = day; now < day + 24 * HOUR; now += HOUR) {
    for (let i = 0; i < SITES; i++) {
      const outcome = await checkFeedFollow(db, `https://feeds.test/site-${i}/index.json`, siteOf(i), states[i]!, now, async () => true, { fetch: fetchFeed, retries: 0 });
      if (outcome.error) throw outcome.error;
      states[i] = afterCheck('feed', outcome.state, now, outcome.requests, null);
    }
  }
  return { ms: performance.now() - started, requests, bytes };
}

test('following: one day of checks for 20 sites, against one history click', async () => {
  const quiet: number[] = [];
  const busy: number[] = [];
  const click: number[] = [];
  let figures = { quiet: { requests: 0, bytes: 0 }, busy: { requests: 0, bytes: 0 }, click: { requests: 0, bytes: 0 } };
  for (let round = 0; round < ROUNDS; round++) {
    const c = await oneClick(round);
    const q = await followDay(QUIET_DAY, round);
    const b = await followDay(BUSY_DAY, round);
    click.push(c.ms);
    quiet.push(q.ms);
    busy.push(b.ms);
    figures = { quiet: q, busy: b, click: c };
  }
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const rows: Row[] = [
    { figure: 'one history click (baseline)', value: `${median(click).toFixed(1)} ms, ${figures.click.requests} requests, ${kb(figures.click.bytes)}` },
    { figure: `quiet day, ${SITES} sites: requests`, value: `${figures.quiet.requests} (${(figures.quiet.requests / figures.click.requests).toFixed(1)}× a click)`, target: `≤ ${SITES * 4}: four listings a site` },
    { figure: `quiet day, ${SITES} sites: bytes`, value: `${kb(figures.quiet.bytes)} (${(figures.quiet.bytes / figures.click.bytes).toFixed(2)}×)` },
    { figure: `quiet day, ${SITES} sites: worker time`, value: ratioSpread(quiet, click) },
    { figure: `busy day, ${SITES} sites: requests`, value: `${figures.busy.requests} (${(figures.busy.requests / figures.click.requests).toFixed(1)}× a click)` },
    { figure: `busy day, ${SITES} sites: bytes`, value: `${kb(figures.busy.bytes)} (${(figures.busy.bytes / figures.click.bytes).toFixed(2)}×)` },
    { figure: `busy day, ${SITES} sites: worker time`, value: ratioSpread(busy, click) },
    { figure: 'quiet / busy day, ms (median)', value: `${spread(quiet).median.toFixed(0)} / ${spread(busy).median.toFixed(0)} ms` },
  ];
  const feedQuiet = await followFeedsDay(QUIET_DAY, null, 0);
  const feedBusy = await followFeedsDay(BUSY_DAY, BUSY_DAY + 20 * HOUR, 0);
  rows.push(
    { figure: `by feed, quiet day, ${SITES} sites: requests, bytes, time`, value: `${feedQuiet.requests}, ${kb(feedQuiet.bytes)}, ${(feedQuiet.ms / median(click)).toFixed(2)}× (${feedQuiet.ms.toFixed(0)} ms)`, target: `≤ ${SITES * 24}: the index hourly` },
    { figure: `by feed, rebuilt once that day: requests, bytes, time`, value: `${feedBusy.requests}, ${kb(feedBusy.bytes)}, ${(feedBusy.ms / median(click)).toFixed(2)}× (${feedBusy.ms.toFixed(0)} ms)` },
  );
  printTable('Following sites (a day of checks, local GitHub stand-in; ratios to one history click)', rows);
}, 600_000);
