import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ArchiveServer } from '../../harness/archive-server';
import type { CachedAnswer } from '../../lib/history/ask-archive';
import { githubHistorySource } from '../../lib/history/github-history-source';
import { HistoryError } from '../../lib/history/history-error';
import { RequestBudget } from '../../lib/history/request-budget';
import { waybackSource } from '../../lib/history/wayback-source';
import { findSite } from '../../lib/sites/find-site';
import type { GithubSource } from '../../lib/sites/github-source';
import type { SiteRule } from '../../lib/sites/site-rule';
import { corpusBlocks } from '../support/corpus-blocks';
import { loadCorpus, readHtml } from '../support/corpus';

// The DRF corpus's real history of one page, served as the Internet Archive and GitHub would
// serve it (harness/archive-server.ts implements their documented request and answer shapes).
const page = loadCorpus().find((p) => p.slug === 'api-guide__fields')!;
const site = findSite(new URL(page.url)) as SiteRule & { github: GithubSource };
const live = corpusBlocks(page, page.versions.at(-1)!);
const text = (blocks: readonly { text: string }[]) => blocks.map((b) => b.text).join('\n');
const timestampOf = (stem: string) => stem.slice(0, 15).replace('T', '');
const sha = (stem: string) => createHash('sha1').update(stem).digest('hex');
const markdownVersions = page.versions.filter((v) => v.markdownPath);

let server: ArchiveServer;
let now = Date.parse('2026-12-04T12:00:00Z');
let budget: RequestBudget;
const host = () => ({ budget, fetch: server.fetchVia(), now: () => now });

beforeAll(async () => {
  server = await new ArchiveServer().start();
  server.captures.set(page.url, page.versions.map((v) => ({ timestamp: timestampOf(v.stem), digest: createHash('sha1').update(v.stem).digest('base64').replace(/[^A-Z2-7]/g, 'A').slice(0, 32).padEnd(32, 'A'), body: readHtml(v) })));
  server.commits.set(`encode/django-rest-framework:docs/api-guide/fields.md`, markdownVersions.map((v) => ({ sha: sha(v.stem), date: v.date.replace(/\.\d+Z$/, 'Z'), message: `Docs at ${v.stem}\n\nbody`, content: readFileSync(v.markdownPath!, 'utf8') })).reverse());
});
afterAll(() => server?.stop());
beforeEach(() => {
  budget = new RequestBudget(50, () => now);
  server.override = null;
  server.requests.length = 0;
});

describe('the Internet Archive as a history source', () => {
  test('lists the newest captures, then older ones on demand, and reads one as the page is read', async () => {
    const source = waybackSource(page.url, site, host());
    const newest = await source.list({ newest: 5 });
    expect(newest.map((v) => v.time)).toEqual(page.versions.slice(-5).reverse().map((v) => Date.parse(v.date)));
    const older = await source.list({ newest: 5, before: newest.at(-1)! });
    expect(older.map((v) => v.time)).toEqual(page.versions.slice(-10, -5).reverse().map((v) => Date.parse(v.date)));
    const previous = await source.read(newest[1]!, live);
    expect(text(previous)).toBe(text(corpusBlocks(page, page.versions.at(-2)!)));
    expect(server.requests.map((r) => r.host)).toEqual(['web.archive.org', 'web.archive.org', 'web.archive.org']);
    expect(server.requests[2]!.path).toBe(`/web/${newest[1]!.id}id_/${page.url}`);
  });

  test('a capture made under http:// is asked for under that address, not refused as a redirect', async () => {
    const address = 'https://www.django-rest-framework.org/api-guide/fields-http/';
    const version = page.versions.at(-1)!;
    server.captures.set(address, [{ timestamp: timestampOf(version.stem), original: address.replace('https:', 'http:'), digest: 'D'.repeat(32), body: readHtml(version) }]);
    const source = waybackSource(address, site, host());
    const [capture] = await source.list({ newest: 1 });
    expect(text(await source.read(capture!, live))).toBe(text(live));
    expect(server.requests.at(-1)!.path).toBe(`/web/${capture!.id}id_/http://www.django-rest-framework.org/api-guide/fields-http/`);
  });

  test('a page it never captured says so', async () => {
    const source = waybackSource('https://www.django-rest-framework.org/never/', site, host());
    await expect(source.list({ newest: 5 })).rejects.toThrow('The Internet Archive has no capture of this page.');
  });

  test('429 with Retry-After: a clear wait, and no further request to the archive until then', async () => {
    server.override = ({ path }, response) => {
      if (!path.startsWith('/cdx/')) return false;
      response.writeHead(429, { 'retry-after': '120' }).end('Too Many Requests');
      return true;
    };
    const source = waybackSource(page.url, site, host());
    const refused = (await source.list({ newest: 5 }).catch((error: unknown) => error)) as HistoryError;
    expect(refused).toBeInstanceOf(HistoryError);
    expect(refused.message).toMatch(/^The Internet Archive is busy; try again after \d{1,2}[:.]\d{2}/);
    expect(refused.retryAt).toBe(now + 120_000);
    server.override = null;
    await expect(source.read({ id: timestampOf(page.versions[0]!.stem), time: 0 }, live)).rejects.toThrow(/asked DocDelta to wait/);
    expect(server.requests).toHaveLength(1);
    now += 121_000;
    await expect(source.list({ newest: 1 })).resolves.toHaveLength(1);
  });

  test.each([
    ['a capture gone from the archive', (response: import('node:http').ServerResponse) => response.writeHead(404).end('gone'), /no longer has its capture of/],
    ['a redirect captured as the page', (response: import('node:http').ServerResponse) => response.writeHead(302, { location: 'https://www.django-rest-framework.org/' }).end(), /is a redirect, not this page/],
    ['an error page captured with status 200', (response: import('node:http').ServerResponse) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><main><h1>404 Not Found</h1><p>The requested URL was not found on this server. Please check the address or go to the home page.</p></main></body></html>'), /is a different page/],
    ['an endless capture', (response: import('node:http').ServerResponse) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      const chunk = '<p>more</p>'.repeat(10_000);
      const write = () => { while (response.write(chunk)); response.once('drain', write); };
      write();
      response.on('error', () => undefined);
    }, /sent more than 5120 KB/],
    ['an answer from a server error', (response: import('node:http').ServerResponse) => response.writeHead(500).end('oops'), /answered 500; try again later/],
  ])('%s: a clear message', async (_name, answer, message) => {
    server.override = ({ path }, response) => {
      if (!path.startsWith('/web/')) return false;
      answer(response);
      return true;
    };
    const source = waybackSource(page.url, site, host());
    const [newest] = await source.list({ newest: 1 });
    await expect(source.read(newest!, live)).rejects.toThrow(message);
  });

  test('a CDX answer it cannot read is refused whole', async () => {
    server.override = ({ path }, response) => {
      if (!path.startsWith('/cdx/')) return false;
      response.writeHead(200).end('[["timestamp","original","digest","statuscode"],["20260301185926","https://www.django-rest-framework.org/api-guide/fields/","AAAA","200"]');
      return true;
    };
    await expect(waybackSource(page.url, site, host()).list({ newest: 5 })).rejects.toThrow(/could not be read/);
  });

  test('the per-host budget holds however often the reader asks', async () => {
    budget = new RequestBudget(3, () => now);
    const source = waybackSource(page.url, site, host());
    for (let i = 0; i < 3; i++) await source.list({ newest: 1 });
    await expect(source.list({ newest: 1 })).rejects.toThrow(/asked The Internet Archive 3 times this hour/);
    expect(server.requests).toHaveLength(3);
  });
});

describe('the docs\' source repository on GitHub as a history source', () => {
  test('lists the commits of the page\'s file and reads its markdown at one', async () => {
    const source = githubHistorySource(page.url, site, host());
    const newest = await source.list({ newest: 3 });
    expect(newest.map((v) => v.label)).toEqual(markdownVersions.slice(-3).reverse().map((v) => `Docs at ${v.stem}`));
    const read = await source.read(newest[0]!, live);
    expect(read.length).toBeGreaterThan(20);
    expect(read[0]!.text).toBe('Serializer fields');
    const older = await source.list({ newest: 3, before: newest.at(-1)! });
    expect(older[0]!.time).toBeLessThan(newest.at(-1)!.time);
    expect(server.requests[0]).toMatchObject({ host: 'api.github.com', path: '/repos/encode/django-rest-framework/commits' });
    expect(server.requests[1]!.path).toBe(`/encode/django-rest-framework/${newest[0]!.id.slice(0, 40)}/docs/api-guide/fields.md`);
  });

  test('an ETag that is not the answer\'s own hash, or a date, is never sent back: it could mark this reader past cleared cookies', async () => {
    const kept = new Map<string, CachedAnswer>();
    const cache = { get: async (url: string) => kept.get(url), keep: async (answer: CachedAnswer) => void kept.set(answer.url, answer) };
    const source = githubHistorySource(page.url, site, { ...host(), cache });
    // A server that gives each reader a tag of its own (and a Last-Modified date with it).
    server.tagOf = () => '"reader-7f3a91"';
    const sentBefore = server.validatorsSent.length;
    try {
      const first = await source.list({ newest: 3 });
      expect(await source.list({ newest: 3 })).toEqual(first);
    } finally {
      server.tagOf = null;
    }
    expect(server.validatorsSent.slice(sentBefore)).toEqual([]);
  });

  test('asked again, the list is revalidated (304: a tag that is the list\'s own hash) and read from the kept copy', async () => {
    const kept = new Map<string, CachedAnswer>();
    const cache = { get: async (url: string) => kept.get(url), keep: async (answer: CachedAnswer) => void kept.set(answer.url, answer) };
    const source = githubHistorySource(page.url, site, { ...host(), cache });
    const first = await source.list({ newest: 3 });
    const before = server.notModified;
    expect(await source.list({ newest: 3 })).toEqual(first);
    expect(server.notModified).toBe(before + 1);
    // An answer that cannot be read never replaces the good copy.
    server.override = ({ host }, response) => {
      if (host !== 'api.github.com') return false;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"message":"Server Error"}');
      return true;
    };
    await expect(source.list({ newest: 3 })).rejects.toThrow(/could not be read/);
    server.override = null;
    expect(await source.list({ newest: 3 })).toEqual(first);
    expect(server.notModified).toBe(before + 2);
  });

  test('a spent rate limit names the time to try again and stops further requests', async () => {
    server.override = ({ host }, response) => {
      if (host !== 'api.github.com') return false;
      response.writeHead(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(now / 1000) + 1800) }).end('{"message":"API rate limit exceeded"}');
      return true;
    };
    const source = githubHistorySource(page.url, site, host());
    await expect(source.list({ newest: 3 })).rejects.toThrow(/^GitHub's hourly limit is reached; try after/);
    await expect(source.list({ newest: 3 })).rejects.toThrow(/asked DocDelta to wait/);
    expect(server.requests).toHaveLength(1);
  });

  test('a page whose file has no commits under any of its names says where it looked', async () => {
    const source = githubHistorySource('https://www.django-rest-framework.org/community/nowhere/', site, host());
    await expect(source.list({ newest: 3 })).rejects.toThrow('GitHub has no history of this page\'s source in encode/django-rest-framework (looked for docs/community/nowhere.md, docs/community/nowhere/index.md).');
    expect(server.requests).toHaveLength(2);
  });
});
