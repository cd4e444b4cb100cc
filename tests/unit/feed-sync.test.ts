import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFeed } from '../../cli/feed/build-feed';
import { snapshotVersions } from '../../cli/feed/snapshot-source';
import { feedBaseline } from '../../lib/published/published-baseline';
import { feedHistorySource, syncPageFromFeed, VERSIONS_PER_SYNC } from '../../lib/feed/sync-page';
import { openDocDeltaDB, type DocDeltaDB } from '../../lib/store/open-db';
import { loadVersionBlocks, recordVisit } from '../../lib/store/page-history';
import { markdownToBlocks } from '../../lib/markdown/markdown-blocks';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';
import { serveFolder } from '../../harness/static-server';
import { originIn } from '../../lib/store/version-origins';

const page = loadCorpus().find((p) => p.slug === 'api-guide__permissions')!;
const KEY = 'www.django-rest-framework.org/api-guide/permissions';
const target = { pageKey: KEY, url: page.url, title: 'Permissions', siteId: 'django-rest-framework' };
const fast = { timeoutMs: 2000, retries: 0, backoffMs: 1 };
let feedDir: string;
let server: Awaited<ReturnType<typeof serveFolder>>;
let counter = 0;
const freshDB = () => openDocDeltaDB(`sync-${++counter}`);
const counts = async (db: DocDeltaDB) => ({ versions: await db.count('versions'), blocks: await db.count('blocks'), pages: await db.count('pages') });

beforeAll(async () => {
  const source = mkdtempSync(join(tmpdir(), 'docdelta-snap-'));
  mkdirSync(join(source, page.slug));
  for (const v of page.versions) if (v.markdownPath) copyFileSync(v.markdownPath, join(source, page.slug, `${v.stem}.md`));
  feedDir = mkdtempSync(join(tmpdir(), 'docdelta-feed-'));
  await buildFeed(snapshotVersions(source, 'https://www.django-rest-framework.org/{path}/'), { out: join(feedDir, 'feed'), title: 'DRF' });
  server = await serveFolder(feedDir);
});

afterAll(() => server.close());

describe('syncing a page from its feed', () => {
  test('the newest feed versions are stored, and a never-visited page compares with the feed\'s previous version', async () => {
    const db = await freshDB();
    const outcome = await syncPageFromFeed(db, `${server.url}/feed/index.json`, target, fast);
    expect(outcome).toEqual({ status: 'synced', added: VERSIONS_PER_SYNC });
    expect((await db.get('feeds', 'django-rest-framework'))!.error).toBeNull();
    const stored = await db.getAllFromIndex('versions', 'byPage', KEY);
    expect(stored.every((v) => v.source === 'feed' && originIn(v, 'feed')?.id)).toBe(true);

    // The reader opens the live page (the HTML of the newest version) for the first time.
    const live = corpusBlocks(page, page.versions.filter((v) => v.markdownPath).at(-1)!);
    const visit = await recordVisit(db, { ...target, blocks: live, at: Date.now() });
    const { versionId: baseline, unmatched } = await feedBaseline(db, KEY, live, visit.versionId);
    expect(unmatched).toBe(false);
    const newestFirst = stored.sort((a, b) => b.capturedAt - a.capturedAt);
    expect(baseline).toBe(newestFirst[1]!.id);
    expect((await loadVersionBlocks(db, baseline!)).length).toBeGreaterThan(50);
  });

  test('syncing again stores nothing twice', async () => {
    const db = await freshDB();
    await syncPageFromFeed(db, `${server.url}/feed/index.json`, target, fast);
    const before = await counts(db);
    expect(await syncPageFromFeed(db, `${server.url}/feed/index.json`, target, fast)).toEqual({ status: 'synced', added: 0 });
    expect(await counts(db)).toEqual(before);
  });

  test('a kept file is asked for again with its tag only when the tag is its own hash: a 304 then reads the kept copy', async () => {
    const sha256 = (body: Buffer) => `"${createHash('sha256').update(body).digest('hex')}"`;
    const hashing = await serveFolder(feedDir, undefined, sha256);
    try {
      const db = await freshDB();
      await syncPageFromFeed(db, `${hashing.url}/feed/index.json`, target, fast);
      expect(hashing.validatorsSent).toEqual([]);
      expect(await syncPageFromFeed(db, `${hashing.url}/feed/index.json`, target, fast)).toEqual({ status: 'synced', added: 0 });
      // Index, shard and version list: each asked with its own hash, and answered "not modified".
      expect(hashing.validatorsSent).toHaveLength(3);
      expect(hashing.validatorsSent.every((tag) => /^"[0-9a-f]{64}"$/.test(tag))).toBe(true);
    } finally {
      await hashing.close();
    }
  });

  test('a tag the host made for this reader (or a date) is never sent back: it would outlast cleared cookies', async () => {
    const marking = await serveFolder(feedDir, undefined, () => '"reader-7f3a91"');
    try {
      const db = await freshDB();
      await syncPageFromFeed(db, `${marking.url}/feed/index.json`, target, fast);
      const asked = marking.requests.length;
      expect(await syncPageFromFeed(db, `${marking.url}/feed/index.json`, target, fast)).toEqual({ status: 'synced', added: 0 });
      expect(marking.requests.length).toBeGreaterThan(asked);
      expect(marking.validatorsSent).toEqual([]);
    } finally {
      await marking.close();
    }
  });

  test('a text that comes back (a revert) compares with the version it replaced, not with its first appearance', async () => {
    const sources = page.versions.filter((v) => v.markdownPath);
    const [a, b] = [sources.at(-3)!, sources.at(-2)!];
    const folder = mkdtempSync(join(tmpdir(), 'docdelta-revert-'));
    mkdirSync(join(folder, page.slug));
    copyFileSync(a.markdownPath!, join(folder, page.slug, '20240101T000000Z.md'));
    copyFileSync(b.markdownPath!, join(folder, page.slug, '20240201T000000Z.md'));
    copyFileSync(a.markdownPath!, join(folder, page.slug, '20240301T000000Z.md'));
    const out = mkdtempSync(join(tmpdir(), 'docdelta-revert-feed-'));
    await buildFeed(snapshotVersions(folder, 'https://www.django-rest-framework.org/{path}/'), { out: join(out, 'feed'), title: 'DRF' });
    const revertServer = await serveFolder(out);
    try {
      // As in the browser, the visit is stored before the feed is asked; here the live page
      // reads exactly like the feed's newest text, so both are one stored version.
      const db = await freshDB();
      const live = markdownToBlocks(readFileSync(a.markdownPath!, 'utf8'));
      const visit = await recordVisit(db, { ...target, blocks: live, at: Date.now() });
      expect(await syncPageFromFeed(db, `${revertServer.url}/feed/index.json`, target, fast)).toEqual({ status: 'synced', added: 1 });
      const baseline = await db.get('versions', (await feedBaseline(db, KEY, live, visit.versionId)).versionId!);
      expect(new Date(baseline!.capturedAt).toISOString()).toBe('2024-02-01T00:00:00.000Z');
      expect((await db.get('versions', visit.versionId))).toMatchObject({ source: 'visit', origins: [{ source: 'feed', time: Date.parse('2024-03-01T00:00:00Z') }] });
    } finally {
      await revertServer.close();
    }
  });

  test('a page the feed does not list', async () => {
    const db = await freshDB();
    expect(await syncPageFromFeed(db, `${server.url}/feed/index.json`, { ...target, pageKey: 'www.django-rest-framework.org/nope' }, fast)).toEqual({ status: 'not-in-feed' });
  });

  test('a broken feed records a readable error and leaves stored data untouched', async () => {
    const db = await freshDB();
    await recordVisit(db, { ...target, blocks: corpusBlocks(page, page.versions[0]!), at: 1 });
    const before = await counts(db);
    const broken = mkdtempSync(join(tmpdir(), 'docdelta-broken-'));
    // Same feed, but the content files altered after their hashes were published.
    const { execFileSync } = await import('node:child_process');
    execFileSync('cp', ['-r', join(feedDir, 'feed'), join(broken, 'feed')]);
    const contentDir = join(broken, 'feed/content');
    const first = execFileSync('ls', [contentDir], { encoding: 'utf8' }).split('\n').filter(Boolean);
    // Same size, one letter changed: only the hash can tell.
    for (const name of first) writeFileSync(join(contentDir, name), gzipSync(gunzipSync(readFileSync(join(contentDir, name))).toString('utf8').replace('e', 'E')));
    const brokenServer = await serveFolder(broken);
    try {
      const outcome = await syncPageFromFeed(db, `${brokenServer.url}/feed/index.json`, target, fast);
      expect(outcome.status).toBe('failed');
      expect(outcome.status === 'failed' && outcome.error).toMatch(/does not match its sha256/);
      expect((await db.get('feeds', 'django-rest-framework'))!.error).toMatch(/sha256/);
      expect(await counts(db)).toEqual(before);
    } finally {
      await brokenServer.close();
    }
  });

  test.each([
    ['an edit that changes the text (same size)', (ops: unknown[][]) => ops.map((op) => (op.length === 3 ? [op[0], op[1], String(op[2]).replace(/[a-z]/, 'Q')] : op)), /does not match its sha256/],
    ['an edit past the end of its base', (ops: unknown[][]) => [...ops, [1e6, 1]], /out of order or past the end/],
    ['edits out of order', (ops: unknown[][]) => [[5, 0, 'x'], [0, 0, 'y'], ...ops], /out of order or past the end/],
  ] as const)('a tampered delta (%s) is refused and nothing is stored', async (_name, tamper, message) => {
    const db = await freshDB();
    const before = await counts(db);
    const broken = mkdtempSync(join(tmpdir(), 'docdelta-broken-'));
    const { execFileSync } = await import('node:child_process');
    execFileSync('cp', ['-r', join(feedDir, 'feed'), join(broken, 'feed')]);
    const deltaDir = join(broken, 'feed/deltas');
    const deltas = execFileSync('ls', [deltaDir], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(deltas.length, 'the feed stores older versions as deltas').toBeGreaterThan(0);
    for (const name of deltas) {
      const file = JSON.parse(gunzipSync(readFileSync(join(deltaDir, name))).toString('utf8'));
      writeFileSync(join(deltaDir, name), gzipSync(JSON.stringify({ ...file, ops: tamper(file.ops) })));
    }
    // The lists promise each delta's size; make them agree so only the edits are wrong.
    for (const list of execFileSync('find', [join(broken, 'feed/versions'), '-name', '*.json'], { encoding: 'utf8' }).split('\n').filter(Boolean)) {
      const parsed = JSON.parse(readFileSync(list, 'utf8'));
      for (const version of parsed.versions) if (version.delta) version.delta.bytes = readFileSync(join(deltaDir, version.delta.url.split('/').at(-1))).byteLength;
      writeFileSync(list, JSON.stringify(parsed));
    }
    const brokenServer = await serveFolder(broken);
    try {
      const outcome = await syncPageFromFeed(db, `${brokenServer.url}/feed/index.json`, target, fast);
      expect(outcome.status).toBe('failed');
      expect(outcome.status === 'failed' && outcome.error).toMatch(message);
      expect(await counts(db)).toEqual(before);
    } finally {
      await brokenServer.close();
    }
  });

  test('an unreachable or non-https feed fails clearly', async () => {
    const db = await freshDB();
    expect(await syncPageFromFeed(db, 'http://127.0.0.1:1/feed/index.json', target, fast)).toMatchObject({ status: 'failed', error: expect.stringMatching(/could not connect/) });
    expect(await syncPageFromFeed(db, 'http://feeds.example.org/index.json', target, fast)).toMatchObject({ status: 'failed', error: expect.stringMatching(/https only/) });
  });
});

describe('compressed feed files', () => {
  test('a gzip file that expands past its version\'s size is refused before it is all read', async () => {
    const { gunzipIfCompressed } = await import('../../lib/feed/gunzip');
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    await expect(gunzipIfCompressed(new Uint8Array(bomb), 5 * 1024 * 1024, 'https://feed.test/x.md.gz')).rejects.toThrow(/expands to more than/);
    await expect(gunzipIfCompressed(new Uint8Array([0x1f, 0x8b, 1, 2, 3]), 1000, 'https://feed.test/y.gz')).rejects.toThrow(/damaged gzip/);
    const plain = new TextEncoder().encode('# Plain\n');
    expect(await gunzipIfCompressed(plain, 1000, 'https://feed.test/z.md')).toBe(plain);
  });
});

describe('a feed as a history source', () => {
  test('lists a page\'s newest versions, then the ones before a given one, and reads each as the markdown it holds', async () => {
    const db = await freshDB();
    const source = feedHistorySource(db, `${server.url}/feed/index.json`, target, fast);
    expect(source.kind).toBe('feed');
    const newest = await source.list({ newest: 3 });
    expect(newest).toHaveLength(3);
    expect(source.entry()).toMatchObject({ url: page.url });
    const older = await source.list({ newest: 2, before: newest.at(-1)! });
    // The ones right after: the same as the newest five, from the fourth on.
    expect([...newest, ...older]).toEqual(await source.list({ newest: 5 }));
    expect(older.every((v) => v.time < newest.at(-1)!.time)).toBe(true);
    // An older version read back (deltas applied) is exactly its markdown.
    const markdown = page.versions.find((v) => v.markdownPath && Date.parse(v.date) === older[1]!.time)!;
    const blocks = await source.read(older[1]!, []);
    expect(blocks).toEqual(markdownToBlocks(readFileSync(markdown.markdownPath!, 'utf8')));
    // Nothing was stored: listing and reading are the caller's to ingest.
    expect(await counts(db)).toEqual({ versions: 0, blocks: 0, pages: 0 });
  });

  test('a page the feed does not hold lists nothing and names no entry', async () => {
    const source = feedHistorySource(await freshDB(), `${server.url}/feed/index.json`, { pageKey: 'www.django-rest-framework.org/nowhere' }, fast);
    expect(await source.list({ newest: 5 })).toEqual([]);
    expect(source.entry()).toBeNull();
  });
});
