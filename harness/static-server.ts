import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

/**
 * Serves a folder over HTTP on 127.0.0.1 with ETags and CORS, as a static host (GitHub Pages) would.
 * `before` may hold a response back (a slow host) until the promise it returns settles; `tagOf`
 * makes each file's ETag (by default its date and size, as static hosts do). `validatorsSent`
 * holds every If-None-Match / If-Modified-Since a request carried, in order.
 */
export async function serveFolder(
  folder: string, before?: (path: string) => Promise<void> | void, tagOf?: (body: Buffer) => string,
): Promise<{ url: string; requests: string[]; validatorsSent: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const validatorsSent: string[] = [];
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requests.push(path);
    for (const name of ['if-none-match', 'if-modified-since']) {
      const value = request.headers[name];
      if (typeof value === 'string') validatorsSent.push(value);
    }
    await before?.(path);
    if (response.destroyed) return;
    const file = join(folder, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(folder) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'access-control-allow-origin': '*' }).end();
      return;
    }
    const body = readFileSync(file);
    const etag = tagOf?.(body) ?? `"${statSync(file).mtimeMs.toString(36)}-${body.byteLength}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag, 'access-control-allow-origin': '*' }).end();
      return;
    }
    response.writeHead(200, { etag, 'content-length': body.byteLength, 'access-control-allow-origin': '*' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    validatorsSent,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
