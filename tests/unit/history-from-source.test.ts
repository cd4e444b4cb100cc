import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ArchiveServer } from '../../harness/archive-server';
import { answerCache, historyFromSource, sourceFor } from '../../lib/background/history-from-source';
import { diffPages } from '../../lib/diff/diff-pages';
import { RequestBudget } from '../../lib/history/request-budget';
import { findSite } from '../../lib/sites/find-site';
import { openDocDeltaDB, type DocDeltaDB } from '../../lib/store/open-db';
import { contentBlocks } from '../../lib/published/content-blocks';
import { loadVersionBlocks, recordVisit, versionHash } from '../../lib/store/page-history';
import { pageTimeline } from '../../lib/store/page-timeline';
import { DEFAULT_RETENTION, saveRetention } from '../../lib/store/retention';
import { pageUsage } from '../../lib/store/storage-usage';
import { corpusBlocks } from '../support/corpus-blocks';
import { loadCorpus, readHtml } from '../support/corpus';
import { originIn } from '../../lib/store/version-origins';

// A first visit to a real page whose history only the archives hold: the DRF corpus served as
// the Internet Archive and GitHub serve theirs (harness/archive-server.ts).
const corpus = loadCorpus();
const page = corpus.find((p) => p.slug === 'api-guide__permissions')!;
const site = findSite(new URL(page.url));
const target = { pageKey: 'www.django-rest-framework.org/api-guide/permissions', url: page.url, title: 'Permissions', siteId: 'django-rest-framework' };
const timestampOf = (stem: string) => stem.slice(0, 15).replace('T', '');
/** How many of these texts are new to a page that has `known`: one version per distinct text. */
const newTexts = (texts: Array<readonly { kind: string; level: number; text: string }[]>, known: string[] = []) => new Set(texts.map((blocks) => versionHash(blocks as never)).filter((hash) => !known.includes(hash))).size;
const digestOf = (text: string) => createHash('sha1').update(text).digest('hex').toUpperCase().replace(/[^A-Z2-7]/g, 'Q').slice(0, 32);

let server: ArchiveServer;
let db: DocDeltaDB;
let dbs = 0;
const host = () => ({ budget: new RequestBudget(50), fetch: server.fetchVia() });

/** The reader opens the page once, as it is today. */
async function firstVisit(version = page.versions.at(-1)!) {
  db = await openDocDeltaDB(`history-from-source-${++dbs}`);
  await recordVisit(db, { ...target, blocks: corpusBlocks(page, version), at: Date.parse('2026-12-04T12:00:00Z') });
}

beforeAll(async () => {
  server = await new ArchiveServer().start();
  server.captures.set(page.url, page.versions.map((v) => ({ timestamp: timestampOf(v.stem), digest: digestOf(v.stem), body: readHtml(v) })));
  server.commits.set('encode/django-rest-framework:docs/api-guide/permissions.md', page.versions.filter((v) => v.markdownPath).map((v) => ({
    sha: createHash('sha1').update(v.stem).digest('hex'), date: v.date.replace(/\.\d+Z$/, 'Z'), message: `Deploy ${v.stem}`, content: readFileSync(v.markdownPath!, 'utf8'),
  })).reverse());
});
afterAll(() => server?.stop());
beforeEach(() => {
  server.override = null;
  server.requests.length = 0;
});

describe('a first visit\'s history from an archive, at the reader\'s request', () => {
  test('the Internet Archive: the page\'s changes since the capture before today\'s are exactly the real ones', async () => {
    await firstVisit();
    const outcome = await historyFromSource(db, target, 'archive', sourceFor('archive', page.url, site, host()));
    // Five newest captures: today's text is the visit's (tagged, not stored twice), and two
    // captures with the same text are one version.
    const live = corpusBlocks(page, page.versions.at(-1)!);
    expect(outcome).toMatchObject({ added: newTexts(page.versions.slice(-5).map((v) => corpusBlocks(page, v)), [versionHash(live)]), skipped: [] });
    expect(outcome.added).toBeGreaterThan(1);
    const baseline = await loadVersionBlocks(db, outcome.baselineId!);
    // The version before today's: the newest older capture whose words differ (a deploy that
    // changed only markup reads as today's text).
    const words = (blocks: readonly { text: string }[]) => blocks.map((b) => b.text).join(' ');
    const previous = page.versions.slice(0, -1).reverse().find((v) => words(corpusBlocks(page, v)) !== words(live))!;
    expect(diffPages(baseline, live)).toEqual(diffPages(corpusBlocks(page, previous), live));
    expect(diffPages(baseline, live).changes.length).toBeGreaterThan(0);
    const timeline = await pageTimeline(db, target.pageKey);
    expect(timeline.map((entry) => entry.source)).toEqual(['visit', ...Array<string>(outcome.added).fill('archive')]);
    // One list and five captures: nothing else was asked.
    expect(server.requests).toHaveLength(6);
  });

  test('older captures on demand join the same timeline', async () => {
    await firstVisit();
    await historyFromSource(db, target, 'archive', sourceFor('archive', page.url, site, host()));
    const oldest = (await pageTimeline(db, target.pageKey)).at(-1)!;
    const version = (await db.get('versions', oldest.versionId))!;
    const before = await pageTimeline(db, target.pageKey);
    const outcome = await historyFromSource(db, target, 'archive', sourceFor('archive', page.url, site, host()), { before: { id: originIn(version, 'archive')!.id, time: originIn(version, 'archive')!.time } });
    expect(outcome.added).toBeGreaterThan(0);
    const after = await pageTimeline(db, target.pageKey);
    expect(after).toHaveLength(before.length + outcome.added);
    // Only captures older than the oldest shown were asked for (the `to` of the CDX query).
    expect(after.slice(before.length).every((entry) => entry.source === 'archive' && entry.time < oldest.time)).toBe(true);
  });

  test('a capture that is another page is left out and said why; the others are stored', async () => {
    await firstVisit();
    const second = timestampOf(page.versions.at(-2)!.stem);
    server.override = ({ path }, response) => {
      if (!path.startsWith(`/web/${second}id_/`)) return false;
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><main><h1>Page not found</h1><p>Sorry, this page does not exist. Check the address, or search the documentation for what you need.</p></main></body></html>');
      return true;
    };
    const outcome = await historyFromSource(db, target, 'archive', sourceFor('archive', page.url, site, host()));
    expect(outcome.added).toBe(3);
    expect(outcome.skipped).toEqual([expect.stringMatching(/^The Internet Archive's capture of .* is a different page/)]);
  });

  test('a slow archive holds one click until its deadline, not 20 s a capture: what came is stored, the rest is said', async () => {
    await firstVisit();
    const answered = page.versions.slice(-3).map((version) => `/web/${timestampOf(version.stem)}id_/`);
    const hung: Array<() => void> = [];
    // The three newest captures come at once; every older one never answers.
    server.override = ({ path }, response) => {
      if (!path.startsWith('/web/') || answered.some((prefix) => path.startsWith(prefix))) return false;
      hung.push(() => response.destroy());
      return true;
    };
    const started = Date.now();
    const outcome = await historyFromSource(db, target, 'archive', sourceFor('archive', page.url, site, { ...host(), deadline: Date.now() + 1_000 }));
    hung.forEach((end) => end());
    // Not five captures of 20 s each (a ceiling for a hang, not a speed check).
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(outcome.skipped).toEqual([expect.stringMatching(/^The Internet Archive was too slow to give everything in one go; ask again for the rest\.$/)]);
    // What came is stored.
    expect(outcome.added).toBe(newTexts(page.versions.slice(-3).map((v) => corpusBlocks(page, v)), [versionHash(corpusBlocks(page, page.versions.at(-1)!))]));
    expect(outcome.added).toBeGreaterThan(0);
    // No request starts after the deadline: the three that came and the one that hung.
    expect(server.requests.filter((request) => request.path.startsWith('/web/'))).toHaveLength(4);
  });

  test("versions an archive gives are stored under the reader's storage budget, as visits are", async () => {
    await firstVisit();
    // Another page, read a week ago (the least recently viewed, so the first to give way), sized
    // so that both pages fit the reader's 1 MB budget with 2,500 bytes to spare: the archive's
    // versions (about 4 KB, as deltas) do not.
    const otherKey = 'www.django-rest-framework.org/api-guide/fields';
    const other = (chars: number) => ({ pageKey: otherKey, url: 'https://www.django-rest-framework.org/api-guide/fields/', title: 'Fields', siteId: 'django-rest-framework', at: Date.parse('2026-11-27T12:00:00Z'),
      blocks: Array.from({ length: 100 }, (_, i) => ({ kind: 'paragraph' as const, level: 0, text: `${i} `.padEnd(Math.floor(chars / 100), 'x') })) });
    const bytesOf = async (of: DocDeltaDB) => (await pageUsage(of)).reduce((sum, usage) => sum + usage.bytes, 0);
    const scratch = await openDocDeltaDB(`history-from-source-${++dbs}`);
    await recordVisit(scratch, other(100_000));
    const overhead = (await bytesOf(scratch)) - 100_000;
    await recordVisit(db, other(1e6 - 2_500 - (await bytesOf(db)) - overhead));
    expect(1e6 - (await bytesOf(db))).toBeGreaterThan(2_000);
    await saveRetention(db, { ...DEFAULT_RETENTION, maxStorageMB: 1 });
    const outcome = await historyFromSource(db, target, 'archive', sourceFor('archive', page.url, site, host()));
    expect(outcome.added).toBeGreaterThan(1);
    expect(await db.get('pages', otherKey)).toBeUndefined();
    // The page the reader asked about keeps everything it was given.
    expect((await pageTimeline(db, target.pageKey)).length).toBe(outcome.added + 1);
  });

  test('nothing is stored when the list cannot be read, or no capture is the page', async () => {
    await firstVisit();
    const count = async () => (await db.getAll('versions')).length;
    const before = await count();
    server.override = ({ path }, response) => {
      if (!path.startsWith('/cdx/')) return false;
      response.writeHead(200).end('[["timestamp","original","digest","statuscode"],["20260301185926"]]');
      return true;
    };
    await expect(historyFromSource(db, target, 'archive', sourceFor('archive', page.url, site, host()))).rejects.toThrow(/could not be read.*nothing was stored/);
    server.override = ({ path }, response) => {
      if (!path.startsWith('/web/')) return false;
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>Redirecting to the new documentation site. If nothing happens, follow the link below to continue.</p></body></html>');
      return true;
    };
    await expect(historyFromSource(db, target, 'archive', sourceFor('archive', page.url, site, host()))).rejects.toThrow(/is a different page/);
    expect(await count()).toBe(before);
  });

  test('the docs\' repository: the markdown before the version the live page is', async () => {
    const withMarkdown = page.versions.filter((v) => v.markdownPath);
    // The live page is the deploy of the newest markdown version.
    await firstVisit(withMarkdown.at(-1)!);
    const outcome = await historyFromSource(db, target, 'github', sourceFor('github', page.url, site, { ...host(), cache: answerCache(db) }));
    // The list of commits is kept, to ask again conditionally.
    expect((await db.getAll('feedFiles')).map((file) => new URL(file.url).host)).toEqual(['api.github.com']);
    // The newest markdown reads exactly as its deploy, the live page: that text is tagged, not stored again.
    expect(outcome.added).toBe(newTexts(withMarkdown.slice(-5).map((v) => contentBlocks('markdown', readFileSync(v.markdownPath!), site)), [versionHash(corpusBlocks(page, withMarkdown.at(-1)!))]));
    const baseline = await db.get('versions', outcome.baselineId!);
    // The commit before the one the live page was built from whose words differ from it.
    const words = (v: (typeof withMarkdown)[number]) => contentBlocks('markdown', readFileSync(v.markdownPath!), site).map((b) => b.text).join(' ');
    const previous = withMarkdown.slice(0, -1).reverse().find((v) => words(v) !== words(withMarkdown.at(-1)!))!;
    expect(originIn(baseline!, 'github')).toMatchObject({ source: 'github', label: `Deploy ${previous.stem}` });
  });
});
