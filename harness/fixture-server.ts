import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server whose pages a test swaps at will: serve version k of a
 * page, then version k+1 at the same URL. Unknown paths are 404.
 */
export class FixtureServer {
  readonly pages = new Map<string, string>();
  /** Served for any stylesheet request not in `pages` (the demo's stand-in for the site's CSS). */
  stylesheet: string | null = null;
  /** Every request, with the host the browser asked for (several hosts may map here). */
  readonly requests: Array<{ host: string; path: string }> = [];
  private server: Server | null = null;
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      this.requests.push({ host: request.headers.host ?? '', path });
      const body = this.pages.get(path);
      if (body === undefined && this.stylesheet !== null && path.endsWith('.css')) {
        response.writeHead(200, { 'content-type': 'text/css; charset=utf-8' });
        response.end(this.stylesheet);
        return;
      }
      if (body === undefined) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
