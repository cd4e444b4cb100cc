import type { SiteRule } from '../sites/site-rule';
import { WAYBACK_ORIGIN } from './archive-sources';
import { CLOCK_SKEW_MS, FIELDS, readCdxRows, type ArchiveCapture } from './wayback';

/**
 * The Internet Archive's captures of a whole docs site, as following a site asks for them: one
 * CDX query per docs prefix (`matchType=prefix`), the captures since a time, HTML with status
 * 200, a capture identical to the one before it dropped. Pure: addresses and answers.
 */
export const PREFIX_LIMITS = {
  /** Rows one listing asks for: a day of a large site's captures is far fewer. */
  rows: 2000,
  bytes: 2 * 1024 * 1024,
  /** Prefixes one site is listed under (a site's patterns). */
  prefixes: 3,
} as const;

/** Where a site's docs are, as the archive files them: `host/path/` of each of its patterns, without scheme or wildcard. */
export function docsPrefixes(site: Pick<SiteRule, 'patterns'>): string[] {
  const prefixes = site.patterns.flatMap((pattern) => {
    const match = /^(?:\*|https?):\/\/([^/*]+)(\/[^*]*)\*?$/.exec(pattern);
    return match ? [`${match[1]}${match[2]}`] : [];
  });
  return [...new Set(prefixes)].slice(0, PREFIX_LIMITS.prefixes);
}

export function prefixQueryUrl(prefix: string, from: number): string {
  const query = new URLSearchParams({ url: prefix, matchType: 'prefix', output: 'json', fl: FIELDS.join(','), filter: 'statuscode:200', collapse: 'digest', from: archiveTimestamp(from), limit: String(PREFIX_LIMITS.rows) });
  query.append('filter', 'mimetype:text/html');
  return `${WAYBACK_ORIGIN}/cdx/search/cdx?${query}`;
}

/** The captures a prefix listing holds that are under `prefix` and not dated after now, newest first. */
export function parsePrefixAnswer(text: string, prefix: string, now: number): ArchiveCapture[] {
  const host = prefix.split('/', 1)[0]!;
  const path = prefix.slice(host.length);
  return readCdxRows(text, host, PREFIX_LIMITS.rows, PREFIX_LIMITS.bytes)
    .filter((capture) => capture.time <= now + CLOCK_SKEW_MS && new URL(capture.original).pathname.startsWith(path))
    .sort((a, b) => b.time - a.time);
}

export const archiveTimestamp = (time: number): string => new Date(time).toISOString().replace(/\D/g, '').slice(0, 14);
