import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { FEED_LIMITS, type FeedIndex, type PageEntry, type VersionEntry } from '../../lib/feed/feed-schema';
import { parseDeltaFile, parseFeedIndex, parsePageShard, parseVersionList } from '../../lib/feed/parse-feed-file';
import { applyDelta } from '../../lib/feed/text-delta';
import { makeDelta } from './make-delta';
import { sha256Hex, shardOf } from '../../lib/feed/page-shard';
import { pageKey } from '../../lib/page-identity';
import { extensionOf, type SourceVersion } from './page-version';

export interface BuildOptions {
  out: string;
  title: string;
  /** Called every few hundred versions read. */
  onProgress?: (read: number, added: number) => void;
  /** Told of a version left out, one line naming it (larger than a feed version may be). */
  onWarning?: (message: string) => void;
  now?: () => Date;
}

export interface BuildReport {
  read: number;
  added: number;
  pages: number;
  changedPages: number;
  bytes: number;
}

interface PageState {
  key: string;
  url: string;
  versions: VersionEntry[];
}

const FAKE_INDEX_URL = 'https://feed.invalid/index.json';

/**
 * Writes (or updates) a feed folder from a stream of page versions. Versions
 * already in the folder and versions identical to the one before them are
 * skipped, so re-running adds only what is new. Everything written is read
 * back through the extension's own validator.
 */
export async function buildFeed(source: Iterable<SourceVersion> | AsyncIterable<SourceVersion>, options: BuildOptions): Promise<BuildReport> {
  const { out } = options;
  const pages = readExisting(out);
  const changed = new Set<string>();
  let read = 0;
  let added = 0;
  for await (const version of source) {
    read++;
    if (read % 250 === 0) options.onProgress?.(read, added);
    if (version.content.byteLength > FEED_LIMITS.contentBytes) {
      options.onWarning?.(`${version.pageUrl} at ${version.time} is larger than a feed version may be (${FEED_LIMITS.contentBytes} bytes); it is left out`);
      continue;
    }
    const key = pageKey(version.pageUrl);
    const page = pages.get(key) ?? { key, url: version.pageUrl, versions: [] };
    pages.set(key, page);
    const sha256 = await sha256Hex(version.content);
    const id = `${version.time.replace(/[-:]/g, '').replace(/\.\d+/, '')}-${sha256.slice(0, 8)}`;
    if (page.versions.some((v) => v.id === id)) continue;
    // Only changes are versions: skip content identical to the version just before it.
    const before = page.versions.filter((v) => v.time <= version.time).sort((a, b) => (a.time < b.time ? 1 : -1))[0];
    if (before?.sha256 === sha256) continue;
    // Written whole; writeVersionLists turns it into a delta where that is smaller.
    const file = contentFile(sha256, version.type);
    if (!existsSync(join(out, file))) write(out, file, version.content);
    page.versions.push({
      id,
      time: version.time,
      type: version.type,
      sha256,
      bytes: version.content.byteLength,
      url: `../../${file}`,
      ...(version.label ? { label: version.label.slice(0, 500) } : {}),
    });
    page.url = version.pageUrl;
    changed.add(key);
    added++;
  }
  options.onProgress?.(read, added);
  // Nothing to serve: an empty index would look like a feed that works.
  if (pages.size === 0) throw new Error('the source holds no page versions, so no feed was written');

  for (const key of changed) await writeVersionLists(out, pages.get(key)!);
  await writeShardsAndIndex(out, [...pages.values()], options);
  removeUnreferenced(out, [...pages.values()]);
  return { read, added, pages: pages.size, changedPages: changed.size, bytes: folderBytes(out) };
}

const pageFolder = async (key: string) => (await sha256Hex(new TextEncoder().encode(key))).slice(0, 16);

function write(out: string, file: string, data: string | Uint8Array) {
  const path = join(out, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

function readExisting(out: string): Map<string, PageState> {
  const pages = new Map<string, PageState>();
  const indexPath = join(out, 'index.json');
  if (!existsSync(indexPath)) return pages;
  const index = parseFeedIndex(readFileSync(indexPath, 'utf8'), indexPath);
  const shardFolder = join(out, dirname(index.pageShards.url));
  for (const name of existsSync(shardFolder) ? readdirSync(shardFolder) : []) {
    const shardPath = join(shardFolder, name);
    for (const entry of parsePageShard(readFileSync(shardPath, 'utf8'), shardPath).pages) {
      const versions: VersionEntry[] = [];
      // A list is read once: one whose `older` leads back to itself (or out of the folder) is a damaged feed.
      const read = new Set<string>();
      let listPath: string | null = join(shardFolder, entry.versions);
      while (listPath) {
        if (read.has(listPath)) throw new Error(`the feed in ${out} is damaged: the version lists of ${entry.key} lead back to ${relative(out, listPath)}`);
        if (relative(out, listPath).startsWith('..')) throw new Error(`the feed in ${out} is damaged: a version list of ${entry.key} is outside it`);
        read.add(listPath);
        const list = parseVersionList(readFileSync(listPath, 'utf8'), listPath);
        versions.push(...list.versions);
        listPath = list.older ? join(dirname(listPath), list.older) : null;
      }
      pages.set(entry.key, { key: entry.key, url: entry.url, versions });
    }
  }
  return pages;
}

/**
 * A page's version lists, newest first. Each list's first version, and every
 * KEYFRAME_EVERY-th after it, is stored whole; the others as line edits to
 * the version just newer than them (a delta file), which keeps a long history
 * near the size of its git pack while a reader's sync, which wants the newest
 * few, fetches one whole version and a few small deltas.
 */
async function writeVersionLists(out: string, page: PageState) {
  const folder = `versions/${await pageFolder(page.key)}`;
  const textOf = versionTexts(out, page.versions);
  const newestFirst = [...page.versions].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : a.id < b.id ? 1 : -1));
  const texts = newestFirst.map((version) => textOf(version));
  rmSync(join(out, folder), { recursive: true, force: true });
  const chunks = Math.ceil(newestFirst.length / FEED_LIMITS.versionsPerList);
  const stored: VersionEntry[] = [];
  for (let i = 0; i < newestFirst.length; i++) {
    const { url: _url, delta: _delta, ...version } = newestFirst[i]!;
    const text = texts[i]!;
    const encoded = new TextEncoder().encode(text);
    const newer = i % FEED_LIMITS.versionsPerList === 0 || i % KEYFRAME_EVERY === 0 ? null : newestFirst[i - 1]!;
    // A text whose bytes are not UTF-8 as written cannot be rebuilt from a delta exactly: kept whole.
    const exact = Buffer.from(encoded).equals(Buffer.from(readContent(out, version) ?? encoded));
    const delta = newer && exact ? deltaText(texts[i - 1]!, text) : null;
    if (delta && delta.length < encoded.byteLength) {
      const file = `deltas/${version.sha256}-${newer!.sha256.slice(0, 16)}.json.gz`;
      if (!existsSync(join(out, file))) write(out, file, gzipSync(delta, { level: 9 }));
      stored.push({ ...version, delta: { from: newer!.id, url: `../../${file}`, bytes: statSync(join(out, file)).size } });
    } else {
      const file = packedFile(version.sha256, version.type);
      if (!existsSync(join(out, file))) write(out, file, gzipSync(readContent(out, version) ?? encoded, { level: 9 }));
      stored.push({ ...version, url: `../../${file}` });
    }
  }
  page.versions = stored;
  versionTextCache.clear();
  for (let i = 0; i < chunks; i++) {
    const list = {
      format: 'docdelta-feed-versions',
      version: 1,
      page: page.key,
      versions: stored.slice(i * FEED_LIMITS.versionsPerList, (i + 1) * FEED_LIMITS.versionsPerList),
      older: i + 1 < chunks ? `${i + 1}.json` : null,
    };
    const text = JSON.stringify(list);
    parseVersionList(text, `${folder}/${i}.json`);
    write(out, `${folder}/${i}.json`, text);
  }
}

/** Deltas are bounded by the reader's chain limit; a whole version every 32 keeps chains short. */
const KEYFRAME_EVERY = Math.min(32, FEED_LIMITS.deltaChain);

/** As read from a source (and by feeds built before files were compressed). */
const contentFile = (sha256: string, type: VersionEntry['type']) => `content/${sha256}.${extensionOf[type]}`;
/** As published: gzip, undone by the reader (lib/feed/gunzip.ts). */
const packedFile = (sha256: string, type: VersionEntry['type']) => `${contentFile(sha256, type)}.gz`;

function deltaText(newer: string, older: string): string | null {
  const ops = makeDelta(newer, older);
  return ops && JSON.stringify({ format: 'docdelta-feed-delta', version: 1, ops });
}

/** A whole version's bytes, when the folder holds them (compressed or not). */
function readContent(out: string, version: VersionEntry): Uint8Array | null {
  const packed = join(out, packedFile(version.sha256, version.type));
  if (existsSync(packed)) return new Uint8Array(gunzipSync(readFileSync(packed)));
  const plain = join(out, contentFile(version.sha256, version.type));
  return existsSync(plain) ? new Uint8Array(readFileSync(plain)) : null;
}

const versionTextCache = new Map<string, string>();

/** The text of each version of a page, whole or rebuilt from its deltas (memoised by hash). */
function versionTexts(out: string, versions: readonly VersionEntry[]): (version: VersionEntry) => string {
  const byId = new Map(versions.map((version) => [version.id, version]));
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const textOf = (version: VersionEntry): string => {
    const cached = versionTextCache.get(version.sha256);
    if (cached !== undefined) return cached;
    let text: string;
    const whole = readContent(out, version);
    if (whole) text = decoder.decode(whole);
    else if (version.delta) {
      const base = byId.get(version.delta.from);
      if (!base) throw new Error(`the feed in ${out} is damaged: ${version.id} is a delta of a version it does not list`);
      const deltaPath = join(out, 'versions', 'x', version.delta.url);
      const raw = readFileSync(deltaPath);
      const json = deltaPath.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      text = applyDelta(textOf(base), parseDeltaFile(json, deltaPath).ops, FEED_LIMITS.contentBytes);
    } else throw new Error(`the feed in ${out} is damaged: ${version.url} is missing`);
    versionTextCache.set(version.sha256, text);
    return text;
  };
  return textOf;
}

/** Whole files and deltas that no version list names any more (a whole version that became a delta). */
function removeUnreferenced(out: string, pages: readonly PageState[]) {
  const referenced = new Set<string>();
  for (const page of pages) for (const version of page.versions) referenced.add(join(out, 'versions', 'x', version.delta?.url ?? version.url!));
  for (const folder of ['content', 'deltas']) {
    if (!existsSync(join(out, folder))) continue;
    for (const name of readdirSync(join(out, folder))) {
      const path = join(out, folder, name);
      if (!referenced.has(path)) rmSync(path);
    }
  }
}

async function writeShardsAndIndex(out: string, pages: PageState[], options: BuildOptions) {
  const hexDigits = pages.length <= 256 ? 0 : pages.length <= 4096 ? 1 : pages.length <= 65536 ? 2 : 3;
  const shards = new Map<string, PageEntry[]>();
  for (const page of pages) {
    if (page.versions.length === 0) continue;
    const shard = await shardOf(page.key, hexDigits);
    const latest = page.versions.reduce((a, b) => (a.time > b.time ? a : b)).time;
    const entry: PageEntry = { key: page.key, url: page.url, versions: `../versions/${await pageFolder(page.key)}/0.json`, latest, count: page.versions.length };
    shards.set(shard, [...(shards.get(shard) ?? []), entry]);
  }
  rmSync(join(out, 'pages'), { recursive: true, force: true });
  for (const [shard, entries] of shards) {
    const text = JSON.stringify({ format: 'docdelta-feed-pages', version: 1, pages: entries.sort((a, b) => (a.key < b.key ? -1 : 1)) });
    parsePageShard(text, `pages/${shard}.json`);
    write(out, `pages/${shard}.json`, text);
  }
  const first = pages[0];
  const index: FeedIndex = {
    format: 'docdelta-feed',
    version: 1,
    title: options.title,
    site: first ? new URL(first.url).origin + '/' : 'https://example.invalid/',
    generated: (options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    pageShards: { hexDigits, url: 'pages/{shard}.json' },
  };
  const text = JSON.stringify(index, null, 2);
  parseFeedIndex(text, FAKE_INDEX_URL);
  write(out, 'index.json', text + '\n');
}

function folderBytes(folder: string): number {
  let bytes = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}
