import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FeedError } from '../../lib/feed/feed-error';
import { fetchFeedFile, type FetchOptions } from '../../lib/feed/fetch-feed-file';
import { resolveInFeed } from '../../lib/feed/feed-urls';

let server: Server;
let other: Server;
let otherBase = '';
const otherRequests: string[] = [];
let liar: TcpServer;
let base = '';
let liarBase = '';
const hits = new Map<string, number>();

beforeAll(async () => {
  // Another host, where a hostile feed would redirect: it must never be asked anything.
  other = createHttpServer((request, response) => {
    otherRequests.push(`${request.url} ${JSON.stringify(request.headers['if-none-match'] ?? null)}`);
    response.writeHead(200).end('{}');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherBase = `http://localhost:${(other.address() as AddressInfo).port}`;
  server = createHttpServer((request, response) => {
    hits.set(request.url ?? '/', (hits.get(request.url ?? '/') ?? 0) + 1);
    const path = (request.url ?? '/').replace(/^\/feed/, '');
    if (path === '/ok.json') {
      if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
      return void response.writeHead(200, { etag: '"v1"', 'content-type': 'application/json' }).end('{"ok":true}');
    }
    if (path === '/missing.json') return void response.writeHead(404).end('nope');
    if (path === '/flaky.json') {
      if (hits.get(request.url!)! < 3) return void response.writeHead(503).end();
      return void response.writeHead(200).end('{"third":"time"}');
    }
    if (path === '/down.json') return void response.writeHead(500).end();
    if (path === '/hang.json') return; // never answers
    if (path === '/drip.json') {
      response.writeHead(200);
      const timer = setInterval(() => response.write('x'), 50);
      response.on('close', () => clearInterval(timer));
      return;
    }
    if (path === '/big-chunked.json') {
      response.writeHead(200); // no Content-Length: chunked
      for (let i = 0; i < 100; i++) response.write('x'.repeat(1024));
      return void response.end();
    }
    if (path === '/big-declared.json') return void response.writeHead(200, { 'content-length': String(10_000_000) }).end();
    if (path === '/redirect-out.json') return void response.writeHead(302, { location: `${otherBase}/elsewhere.json` }).end();
    if (path === '/moved.json') return void response.writeHead(301, { location: 'ok.json' }).end();
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`;
  // A server whose Content-Length lies: it claims 10 bytes and sends 100 KB.
  liar = createTcpServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\n');
      socket.end('y'.repeat(100 * 1024));
    });
  });
  await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
  liarBase = `http://127.0.0.1:${(liar.address() as AddressInfo).port}`;
});

afterAll(() => {
  other.close();
  server.closeAllConnections();
  server.close();
  liar.close();
});

const indexUrl = () => `${base}/index.json`;
const options = (extra: Partial<FetchOptions> = {}): FetchOptions => ({
  maxBytes: 64 * 1024,
  checkUrl: (url) => resolveInFeed(url, indexUrl(), indexUrl()),
  timeoutMs: 1000,
  retries: 2,
  backoffMs: 10,
  ...extra,
});
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('fetching feed files', () => {
  test('a file arrives with its validators, and a cached copy gets a 304', async () => {
    const first = await fetchFeedFile(`${base}/ok.json`, options());
    expect(first.kind === 'fresh' && text(first.bytes)).toBe('{"ok":true}');
    expect(first.kind === 'fresh' && first.etag).toBe('"v1"');
    expect((await fetchFeedFile(`${base}/ok.json`, options({ cached: { etag: '"v1"' } }))).kind).toBe('not-modified');
  });

  test('404 fails at once, with the status in plain words', async () => {
    await expect(fetchFeedFile(`${base}/missing.json`, options())).rejects.toThrow(/answered 404/);
    expect(hits.get('/feed/missing.json')).toBe(1);
  });

  test('server errors are retried with backoff, then succeed or fail clearly', async () => {
    const result = await fetchFeedFile(`${base}/flaky.json`, options());
    expect(result.kind === 'fresh' && text(result.bytes)).toBe('{"third":"time"}');
    await expect(fetchFeedFile(`${base}/down.json`, options())).rejects.toThrow(/answered 500/);
    expect(hits.get('/feed/down.json')).toBe(3);
  });

  test('a server that never answers, or drips, times out', async () => {
    await expect(fetchFeedFile(`${base}/hang.json`, options({ retries: 0, timeoutMs: 300 }))).rejects.toThrow(/no answer within 0.3 s/);
    await expect(fetchFeedFile(`${base}/drip.json`, options({ retries: 0, timeoutMs: 300, maxBytes: 1e6 }))).rejects.toThrow(/no answer within 0.3 s/);
  });

  test('over-size bodies are cut off: declared, chunked without a length, or lying about it', async () => {
    await expect(fetchFeedFile(`${base}/big-declared.json`, options())).rejects.toThrow(/larger than 65536 bytes/);
    await expect(fetchFeedFile(`${base}/big-chunked.json`, options())).rejects.toThrow(/larger than 65536 bytes/);
    // A Content-Length that understates the body: never more than it declared is read
    // (and the truncated file then fails its hash or JSON check).
    const lie = await fetchFeedFile(`${liarBase}/lie.json`, options({ checkUrl: () => undefined, retries: 0 })).catch((error: unknown) => error);
    if (lie instanceof Error) expect(lie).toBeInstanceOf(FeedError);
    else expect((lie as { bytes: Uint8Array }).bytes.byteLength).toBeLessThanOrEqual(10);
  });

  test('a redirect out of the feed is refused before its target is asked anything', async () => {
    await expect(fetchFeedFile(`${base}/redirect-out.json`, options({ retries: 0, cached: { etag: '"reader-etag"' } }))).rejects.toThrow(/outside the feed/);
    expect(otherRequests, 'the other host received no request (and no conditional headers)').toEqual([]);
  });

  test('a redirect inside the feed is followed', async () => {
    const result = await fetchFeedFile(`${base}/moved.json`, options({ retries: 0 }));
    expect(result.kind).toBe('fresh');
  });

  test('offline: a clear error after the retries', async () => {
    await expect(fetchFeedFile('http://127.0.0.1:1/index.json', options({ checkUrl: () => undefined }))).rejects.toThrow(/could not connect/);
  });
});
