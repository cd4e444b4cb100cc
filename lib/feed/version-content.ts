import { FeedError } from './feed-error';
import { FEED_LIMITS, type VersionEntry, type VersionList } from './feed-schema';
import { sha256Hex } from './page-shard';
import { parseDeltaFile } from './parse-feed-file';
import { gunzipIfCompressed } from './gunzip';
import { applyDelta } from './text-delta';

const GZIP_OVERHEAD = 1024;

type Fetch = (url: string, maxBytes: number) => Promise<Uint8Array>;

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * A function that gives a version's content, checked against the size and
 * sha256 the version list promises, after gzip is undone where a file is
 * compressed. A whole version is one download; a delta
 * version is its base's content (fetched once per sync, then reused) with the
 * delta file applied. The list's validator has already checked that every
 * base is a newer version of the same list and that chains are short.
 */
export function versionContent(list: VersionList, resolve: (url: string) => string, fetch: Fetch): (version: VersionEntry) => Promise<Uint8Array> {
  const byId = new Map(list.versions.map((version) => [version.id, version]));
  const done = new Map<string, Promise<Uint8Array>>();
  const contentOf = (version: VersionEntry): Promise<Uint8Array> => {
    let pending = done.get(version.id);
    if (!pending) {
      pending = load(version);
      done.set(version.id, pending);
    }
    return pending;
  };
  const load = async (version: VersionEntry): Promise<Uint8Array> => {
    let bytes: Uint8Array;
    let url: string;
    if (version.delta) {
      url = resolve(version.delta.url);
      const base = byId.get(version.delta.from);
      if (!base) throw new FeedError(`the delta's base version ${version.delta.from} is not in the list`, url);
      const baseText = decoder.decode(await contentOf(base));
      const deltaBytes = await gunzipIfCompressed(await fetch(url, version.delta.bytes), FEED_LIMITS.contentBytes, url);
      const delta = parseDeltaFile(decoder.decode(deltaBytes), url);
      bytes = encoder.encode(applyDelta(baseText, delta.ops, FEED_LIMITS.contentBytes));
    } else {
      url = resolve(version.url!);
      // A gzip file may be a little larger than its content (a tiny file).
      bytes = await gunzipIfCompressed(await fetch(url, version.bytes + GZIP_OVERHEAD), version.bytes, url);
    }
    if (bytes.byteLength !== version.bytes || (await sha256Hex(bytes)) !== version.sha256) {
      throw new FeedError('the content does not match its sha256 in the version list', url);
    }
    return bytes;
  };
  return contentOf;
}
