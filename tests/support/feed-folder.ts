import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageEntry, VersionEntry } from '../../lib/feed/feed-schema';
import { resolveInFeed } from '../../lib/feed/feed-urls';
import { sha256Hex, shardOf } from '../../lib/feed/page-shard';
import { parseFeedIndex, parsePageShard, parseVersionList } from '../../lib/feed/parse-feed-file';

/**
 * Reads a feed folder the way the extension will read it over HTTP: from the
 * index, through shards and version lists, every URL resolved and checked,
 * every file validated and every content hash verified.
 */
export async function readFeedFolder(folder: string): Promise<Map<string, { entry: PageEntry; versions: VersionEntry[] }>> {
  const base = 'https://feed.test/feed/';
  const fileOf = (url: URL) => join(folder, decodeURIComponent(url.pathname.slice('/feed/'.length)));
  const indexUrl = `${base}index.json`;
  const index = parseFeedIndex(readFileSync(join(folder, 'index.json'), 'utf8'), indexUrl);
  const pages = new Map<string, { entry: PageEntry; versions: VersionEntry[] }>();
  const shards = new Set<string>();
  for (const file of readdirSync(join(folder, 'pages'))) shards.add(file.replace(/\.json$/, ''));
  for (const shard of shards) {
    const shardUrl = resolveInFeed(index.pageShards.url.replace('{shard}', shard), indexUrl, indexUrl);
    for (const entry of parsePageShard(readFileSync(fileOf(shardUrl), 'utf8'), shardUrl.href).pages) {
      if ((await shardOf(entry.key, index.pageShards.hexDigits)) !== shard) throw new Error(`${entry.key} is in the wrong shard`);
      const versions: VersionEntry[] = [];
      let listUrl: URL | null = resolveInFeed(entry.versions, shardUrl.href, indexUrl);
      while (listUrl) {
        const list = parseVersionList(readFileSync(fileOf(listUrl), 'utf8'), listUrl.href);
        for (const version of list.versions) {
          const content = readFileSync(fileOf(resolveInFeed(version.url, listUrl.href, indexUrl)));
          if ((await sha256Hex(content)) !== version.sha256 || content.byteLength !== version.bytes) throw new Error(`${version.url}: hash or size mismatch`);
          versions.push(version);
        }
        listUrl = list.older ? resolveInFeed(list.older, listUrl.href, indexUrl) : null;
      }
      pages.set(entry.key, { entry, versions });
    }
  }
  return pages;
}

