import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { build } from 'vite';
import { App, NAV, type PageData } from '../fixtures/react-app/app';
import { projectRoot } from '../../harness/chromium';
import { loadCorpus } from './corpus';
import { corpusBlocks } from './corpus-blocks';
import { pairWithChanges } from './corpus-pairs';

const APP = join(projectRoot, 'tests/fixtures/react-app');

/** The client bundle: React (development build, for its full warnings) and the app, as one classic script. */
async function clientBundle(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: APP,
    define: { 'process.env.NODE_ENV': JSON.stringify('development') },
    build: { write: false, minify: false, lib: { entry: join(APP, 'client.ts'), formats: ['iife'], name: 'DocsApp', fileName: () => 'client.js' } },
  });
  const output = (Array.isArray(result) ? result[0]! : result) as { output: Array<{ code?: string }> };
  return output.output[0]!.code!;
}

/** Two real docs pages at two versions each, as the app's page data. */
function corpusPages(): Map<string, Record<'before' | 'after', PageData>> {
  const corpus = loadCorpus();
  const slugs = ['tutorial__1-serialization', 'api-guide__permissions'];
  return new Map(NAV.map((item, i) => {
    const page = corpus.find((p) => p.slug === slugs[i])!;
    const pair = pairWithChanges(page, 3);
    const data = (which: 'before' | 'after'): PageData => ({
      path: item.path,
      title: item.label,
      blocks: corpusBlocks(page, pair[which]).map((block) => ({ kind: block.kind === 'heading' ? 'heading' : 'paragraph', level: block.level, text: block.text })),
    });
    return [item.path, { before: data('before'), after: data('after') }];
  }));
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * A server-rendered React docs app (react-dom/server), hydrated on the client, with a
 * client-side router that fetches page data as JSON, like a Next.js site. `version`
 * picks which text every page serves.
 */
export class ReactDocsServer {
  version: 'before' | 'after' = 'before';
  /** Other pages served as they are, by path (a plain docs page beside the app). */
  readonly extraPages = new Map<string, string>();
  port = 0;
  private server: Server | null = null;
  private readonly pages = corpusPages();

  async start(): Promise<this> {
    const client = await clientBundle();
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const page = this.pages.get(url.pathname === '/react-app/api' ? url.searchParams.get('path') ?? '' : url.pathname)?.[this.version];
      if (url.pathname === '/react-app/client.js') {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(client);
      } else if (page && url.pathname === '/react-app/api') {
        response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(page));
      } else if (this.extraPages.has(url.pathname)) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(this.extraPages.get(url.pathname));
      } else if (page) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(this.html(page));
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  private html(page: PageData): string {
    const app = renderToString(createElement(App, { initial: page, load: async () => page }));
    const data = JSON.stringify(page).replace(/</g, '\\u003c');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeText(page.title)}</title><link rel="icon" href="data:,"></head>
<body><div id="root">${app}</div><script type="application/json" id="page-data">${data}</script><script src="/react-app/client.js" defer></script></body></html>`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
