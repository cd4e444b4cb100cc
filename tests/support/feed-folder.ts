import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageEntry, VersionEntry } from '../../lib/feed/feed-schema';
import { versionContent } from '../../lib/feed/version-content';
import { resolveInFeed } from '../../lib/feed/feed-urls';
import { shardOf } from '../../lib/feed/page-shard';
import { parseFeedIndex, parsePageShard, parseVersionList } from '../../lib/feed/parse-feed-file';

/** A version as the feed lists it, with its text as the extension reads it. */
export type FolderVersion = VersionEntry & { text: string };

/**
 * Reads a feed folder the way the extension will read it over HTTP: from the
 * index, through shards and version lists, every URL resolved and checked,
 * every file validated and every content hash verified.
 */
export async function readFeedFolder(folder: string): Promise<Map<string, { entry: PageEntry; versions: FolderVersion[] }>> {
  const base = 'https://feed.test/feed/';
  const fileOf = (url: URL) => join(folder, decodeURIComponent(url.pathname.slice('/feed/'.length)));
  const indexUrl = `${base}index.json`;
  const index = parseFeedIndex(readFileSync(join(folder, 'index.json'), 'utf8'), indexUrl);
  const pages = new Map<string, { entry: PageEntry; versions: FolderVersion[] }>();
  const shards = new Set<string>();
  for (const file of readdirSync(join(folder, 'pages'))) shards.add(file.replace(/\.json$/, ''));
  for (const shard of shards) {
    const shardUrl = resolveInFeed(index.pageShards.url.replace('{shard}', shard), indexUrl, indexUrl);
    for (const entry of parsePageShard(readFileSync(fileOf(shardUrl), 'utf8'), shardUrl.href).pages) {
      if ((await shardOf(entry.key, index.pageShards.hexDigits)) !== shard) throw new Error(`${entry.key} is in the wrong shard`);
      const versions: FolderVersion[] = [];
      let listUrl: URL | null = resolveInFeed(entry.versions, shardUrl.href, indexUrl);
      while (listUrl) {
        const list = parseVersionList(readFileSync(fileOf(listUrl), 'utf8'), listUrl.href);
        // Whole versions and deltas are read the way the extension reads them (hash and size checked).
        const here = listUrl.href;
        const content = versionContent(list, (url) => resolveInFeed(url, here, indexUrl).href, async (url) => new Uint8Array(readFileSync(fileOf(new URL(url)))));
        for (const version of list.versions) {
          versions.push({ ...version, text: new TextDecoder().decode(await content(version)) });
        }
        listUrl = list.older ? resolveInFeed(list.older, listUrl.href, indexUrl) : null;
      }
      pages.set(entry.key, { entry, versions });
    }
  }
  return pages;
}

