import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, test } from 'vitest';
import { FEED_LIMITS } from '../../lib/feed/feed-schema';
import { fetchFeedFile } from '../../lib/feed/fetch-feed-file';
import { projectRoot } from '../../harness/chromium';
import { median, ms, printTable, ratio } from './report';

// `npm run bench`: how soon an over-size feed file is given up, against reading a file of
// exactly the size allowed (the same fetcher, the same server, the same run).
const CAP = FEED_LIMITS.contentBytes;
const CHUNK = Buffer.alloc(64 * 1024, 'a');
let server: Server;
let base = '';
/** Bytes the server managed to send for each kind of request, the last time. */
const sent: Record<string, number> = {};

beforeAll(async () => {
  server = createServer((request, response) => {
    const kind = new URL(request.url ?? '/', 'http://x').pathname.slice(1);
    sent[kind] = 0;
    const write = (bytes: Buffer) => {
      sent[kind]! += bytes.byteLength;
      return response.write(bytes);
    };
    if (kind === 'exact') {
      response.writeHead(200, { 'content-length': CAP });
      response.end(Buffer.alloc(CAP, 'a'));
      sent[kind] = CAP;
    } else if (kind === 'declared') {
      // Says up front it is too big (a gigabyte), then would send it.
      response.writeHead(200, { 'content-length': 1024 ** 3 });
      const pump = () => { while (!response.destroyed && write(CHUNK)); };
      response.on('drain', pump);
      pump();
    } else {
      // Endless, no length given (chunked): only counting while it streams can stop it.
      response.writeHead(200);
      const pump = () => { while (!response.destroyed && write(CHUNK)); };
      response.on('drain', pump);
      pump();
    }
    response.on('close', () => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function timed(kind: string): Promise<{ ms: number; outcome: string }> {
  const start = performance.now();
  try {
    await fetchFeedFile(`${base}/${kind}`, { maxBytes: CAP, checkUrl: () => undefined, retries: 0 });
    return { ms: performance.now() - start, outcome: 'read' };
  } catch (error) {
    return { ms: performance.now() - start, outcome: (error as Error).message };
  }
}

test('an over-size feed file is given up while it streams', async () => {
  const runs: Record<string, number[]> = { exact: [], endless: [], declared: [] };
  const outcomes: Record<string, string> = {};
  for (let i = 0; i < 9; i++) {
    for (const kind of Object.keys(runs)) {
      const { ms: took, outcome } = await timed(kind);
      runs[kind]!.push(took);
      outcomes[kind] = outcome;
    }
  }
  const exact = median(runs.exact!);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  printTable(`An over-size feed file (cap ${mb(CAP)} per version), median of 9 (Node's fetch, local server)`, [
    { figure: `reading a file of exactly the cap (baseline; ${outcomes.exact})`, value: ms(exact) },
    { figure: `an endless body without a length: given up (server had sent ${mb(sent.endless!)})`, value: `${ms(median(runs.endless!))} (${ratio(median(runs.endless!) / exact)})` },
    { figure: `a body declaring 1 GB: refused before reading (server had sent ${mb(sent.declared!)})`, value: `${ms(median(runs.declared!))} (${ratio(median(runs.declared!) / exact)})` },
  ]);
  mkdirSync(join(projectRoot, 'bench-results'), { recursive: true });
  writeFileSync(join(projectRoot, 'bench-results/feed-abort.json'), JSON.stringify({ capBytes: CAP, exactMs: exact, endlessMs: median(runs.endless!), declaredMs: median(runs.declared!), sentBytes: sent }, null, 2));
  console.log('outcomes:', outcomes.endless, '|', outcomes.declared);
  if (outcomes.exact !== 'read' || outcomes.endless === 'read' || outcomes.declared === 'read') throw new Error('the cap was not enforced');
});
