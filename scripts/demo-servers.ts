import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFeed } from '../cli/feed/build-feed';
import { snapshotVersions } from '../cli/feed/snapshot-source';
import { projectRoot } from '../harness/chromium';
import { FixtureServer } from '../harness/fixture-server';
import { ARCHIVE_HOSTS, ArchiveServer } from '../harness/archive-server';
import { serveFolder } from '../harness/static-server';

interface DemoPage {
  slug: string;
  url: string;
  before?: { file: string };
  after: { file: string };
}

interface DemoSite {
  pages: Array<Required<DemoPage>>;
  /** Pages the reader never opened, known only from the demo feed. */
  feedOnly: DemoPage[];
  feedSource: string;
  /** Pages the reader never opened whose history only the (local) Internet Archive holds: a folder of captures named by timestamp. */
  archiveOnly: Array<{ slug: string; url: string; captures: string }>;
}

export type Demo = Awaited<ReturnType<typeof openDemo>>;

/**
 * The demo docs site (real Django REST framework pages from `demo/`, served under their
 * real URL on a local server, older versions first) and its feed, built from real
 * markdown history with the project's feed builder and served on 127.0.0.1, and the Internet
 * Archive's captures of one more page, served at web.archive.org's address.
 */
export async function openDemo() {
  const demoDir = join(projectRoot, 'demo');
  const site = JSON.parse(readFileSync(join(demoDir, 'site.json'), 'utf8')) as DemoSite;
  const read = (file: string) => readFileSync(join(demoDir, file), 'utf8');
  // The demo server speaks plain HTTP; DocDelta's DRF rule accepts both schemes.
  const urlOf = (page: { url: string }) => page.url.replace(/^https:/, 'http:');
  const server = await new FixtureServer().start();
  server.stylesheet = read('demo.css');
  for (const page of site.pages) server.pages.set(new URL(urlOf(page)).pathname, read(page.before.file));
  const feedDir = mkdtempSync(join(tmpdir(), 'docdelta-demo-feed-'));
  const feedReport = await buildFeed(snapshotVersions(join(demoDir, site.feedSource), 'https://www.django-rest-framework.org/{path}/'), { out: feedDir, title: 'DocDelta demo feed' });
  const feed = await serveFolder(feedDir);
  // The Internet Archive's captures of the archive-only pages, at its real https address.
  const archives = await new ArchiveServer().start({ tls: true });
  for (const page of site.archiveOnly) {
    const files = readdirSync(join(demoDir, page.captures)).filter((file) => file.endsWith('.html')).sort();
    archives.captures.set(urlOf(page), files.map((file) => {
      const body = read(join(page.captures, file));
      return { timestamp: file.slice(0, 15).replace('T', ''), digest: createHash('sha1').update(body).digest('hex').slice(0, 32).toUpperCase().replace(/[^A-Z2-7]/g, 'Q'), body };
    }));
    // The site serves the newest capture's text today.
    server.pages.set(new URL(urlOf(page)).pathname, read(join(page.captures, files.at(-1)!)));
  }
  console.log(`Demo feed: ${feedReport.added} versions of ${site.feedOnly.length} page(s) at ${feed.url}/index.json`);
  return {
    site,
    server,
    urlOf,
    hosts: [...new Set(site.pages.map((page) => new URL(page.url).hostname))],
    /** Where the browser's requests to the archives' hosts go. */
    tls: { port: archives.port, hosts: ARCHIVE_HOSTS },
    /** Pages never opened whose history the reader gets from the Internet Archive in the popup. */
    archiveOnly: site.archiveOnly,
    archiveRequests: () => archives.requests.length,
    feedUrl: `${feed.url}/index.json`,
    /** The visited pages, at the versions the reader saw on the seeded visit. */
    seeded: site.pages,
    /** Every page the demo opens, the visited ones and the feed-only ones. */
    shown: [...site.pages, ...site.feedOnly] as DemoPage[],
    isFeedOnly: (page: DemoPage) => site.feedOnly.includes(page),
    /** The docs have changed since the seeded visit: serve the newest versions. */
    serveNewest: () => {
      for (const page of [...site.pages, ...site.feedOnly]) server.pages.set(new URL(urlOf(page)).pathname, read(page.after.file));
    },
    close: () => Promise.all([server.stop(), feed.close(), archives.stop()]),
  };
}
