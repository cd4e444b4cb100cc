import { pageKey } from '../page-identity';
import { HistoryError } from './history-error';
import { WAYBACK_NAME, WAYBACK_ORIGIN } from './archive-sources';

/**
 * The Internet Archive's Wayback Machine as a history source's wire format: the CDX API lists
 * a URL's captures (timestamp, content digest, status), and `/web/<timestamp>id_/<url>` gives a
 * capture's original bytes without the archive's toolbar. Pure: it builds addresses and reads
 * answers; the background does the fetching.
 */
export const WAYBACK_LIMITS = {
  /** A CDX answer of `newest` rows is a few KB; anything near this is not one. */
  listBytes: 256 * 1024,
  /** Rows one listing may hold (the request asks for far fewer). */
  listRows: 500,
  /** A capture is a docs page: the same cap as a feed's version content. */
  captureBytes: 5 * 1024 * 1024,
} as const;

/** One capture of a page: when the archive fetched it, and the digest of what it got. */
export interface ArchiveCapture {
  /** The archive's own 14-digit UTC timestamp (yyyyMMddhhmmss), which names the capture. */
  timestamp: string;
  /** The same instant, in ms since the epoch. */
  time: number;
  /**
   * The address the archive fetched: the page's, give or take its scheme, `www.` or a trailing
   * slash (the CDX API matches them as one). A capture is asked for under this address, or the
   * archive answers with a redirect to it.
   */
  original: string;
  /** Base32 SHA-1 of the captured bytes, as the archive reports it. */
  digest: string;
}

export const FIELDS = ['timestamp', 'original', 'digest', 'statuscode'] as const;

/**
 * The CDX request for the `newest` captures of a page with status 200 and distinct content
 * (`collapse=digest` drops a capture identical to the one before it), all of them older than
 * `before` when given (the timeline asking for older versions).
 */
export function cdxQueryUrl(pageUrl: string, options: { newest: number; before?: string; keepQuery?: readonly string[] }): string {
  const query = new URLSearchParams({ url: archivedAddress(pageUrl, options.keepQuery), output: 'json', fl: FIELDS.join(','), filter: 'statuscode:200', collapse: 'digest', limit: String(-options.newest) });
  if (options.before) query.set('to', previousSecond(options.before));
  return `${WAYBACK_ORIGIN}/cdx/search/cdx?${query}`;
}

/** Where a capture's original bytes are, without the archive's toolbar or rewritten links. */
export function captureUrl(capture: Pick<ArchiveCapture, 'timestamp'> & Partial<Pick<ArchiveCapture, 'original'>>, pageUrl: string, keepQuery?: readonly string[]): string {
  // A capture's own address is the archive's, from its list; the page's is the reader's, trimmed.
  return `${WAYBACK_ORIGIN}/web/${capture.timestamp}id_/${capture.original !== undefined ? archivedAddress(capture.original, null) : archivedAddress(pageUrl, keepQuery)}`;
}

/**
 * The page's address as it is sent to the archive: no fragment (it is never sent to a server),
 * and of its query only what names the page (the site rule's `keepQuery`): a reader's search
 * terms, session ids and tracking parameters stay in the browser. `null`: the address as given.
 */
function archivedAddress(address: string, keepQuery: readonly string[] | null = []): string {
  const url = new URL(address);
  url.hash = '';
  if (keepQuery) {
    const kept = [...url.searchParams].filter(([name]) => keepQuery.includes(name));
    url.search = kept.length ? new URLSearchParams(kept).toString() : '';
  }
  return url.href;
}

/**
 * A CDX answer read and checked whole before anything is used: a JSON array whose first row
 * names the requested fields, then one row per capture. One unreadable row refuses the whole
 * answer (nothing is stored from an answer DocDelta does not understand). Newest first.
 */
export function parseCdxAnswer(text: string, pageUrl: string, options: CdxReading = {}): ArchiveCapture[] {
  const read = readCdxRows(text, new URL(pageUrl).hostname);
  // Only captures of this page, made before now: a row naming another page of the site (its
  // text would be stored as this page's history) or dated in the future (it would be every
  // later visit's baseline) is not used.
  const key = keyOf(pageUrl, options.keepQuery);
  const latest = (options.now ?? Date.now()) + CLOCK_SKEW_MS;
  const ofThisPage = read.filter((capture) => capture.time <= latest && keyOf(capture.original, options.keepQuery) === key);
  // Oldest first, a capture identical to the one before it is dropped (what collapse=digest
  // does, done again in case a server did not): a page that went back to an earlier text is
  // a change, and stays.
  ofThisPage.sort((a, b) => a.time - b.time);
  return ofThisPage.filter((capture, i) => i === 0 || capture.digest !== ofThisPage[i - 1]!.digest).reverse();
}

/**
 * The rows of a CDX answer, every one checked (a capture with status 200 of an address on
 * `hostname`, `www.` aside): one unreadable row refuses the whole answer. `maxRows` bounds a
 * listing of a whole site's prefix as WAYBACK_LIMITS.listRows bounds a page's.
 */
export function readCdxRows(text: string, hostname: string, maxRows: number = WAYBACK_LIMITS.listRows, maxBytes: number = WAYBACK_LIMITS.listBytes): ArchiveCapture[] {
  if (text.length > maxBytes) throw unreadable('the answer is far larger than a list of captures');
  // An empty body is the API's answer for a URL it has never captured.
  if (text.trim() === '') return [];
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    throw unreadable('the answer is not the JSON the API sends');
  }
  if (!Array.isArray(rows)) throw unreadable('the answer is not a list');
  if (rows.length === 0) return [];
  if (rows.length > maxRows + 1) throw unreadable(`the answer lists more than ${maxRows} captures`);
  const [header, ...captures] = rows as unknown[];
  if (!Array.isArray(header) || header.length !== FIELDS.length || FIELDS.some((field, i) => header[i] !== field)) throw unreadable('its first row does not name the fields asked for');
  const read: ArchiveCapture[] = [];
  const host = bareHost(hostname);
  captures.forEach((row, index) => {
    const capture = readRow(row, host);
    if (!capture) throw unreadable(`row ${index + 1} is not a capture`);
    read.push(capture);
  });
  return read;
}

export interface CdxReading {
  /** Now (ms since the epoch): later captures are not used. */
  now?: number;
  /** The query parameters that name the site's pages (its site rule's `keepQuery`). */
  keepQuery?: readonly string[];
}

/** How far the archive's clock may run ahead of the reader's. */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;

/** The page key an address gives, `www.` aside (the archive files both under one page). */
function keyOf(address: string, keepQuery: readonly string[] = []): string {
  return pageKey(address, () => ({ keepQuery })).replace(/^www\./, '');
}

function readRow(row: unknown, host: string): ArchiveCapture | null {
  if (!Array.isArray(row) || row.length !== FIELDS.length || !row.every((cell) => typeof cell === 'string')) return null;
  const [timestamp, original, digest, status] = row as string[];
  if (status !== '200' || !/^[A-Z2-7]{32}$/.test(digest!) || !sameSite(original!, host)) return null;
  const time = timestampTime(timestamp!);
  return time === null ? null : { timestamp: timestamp!, time, original: original!, digest: digest! };
}

/** An http(s) address on the page's host (with or without `www.`), of a sane length. */
function sameSite(address: string, host: string): boolean {
  if (address.length > 2048) return false;
  try {
    const url = new URL(address);
    return (url.protocol === 'https:' || url.protocol === 'http:') && bareHost(url.hostname) === host && !url.username && !url.password;
  } catch {
    return false;
  }
}

const bareHost = (hostname: string) => hostname.toLowerCase().replace(/^www\./, '');

/** A 14-digit archive timestamp as ms since the epoch; null when it is no real instant. */
export function timestampTime(timestamp: string): number | null {
  const parts = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(timestamp);
  if (!parts) return null;
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number) as [number, number, number, number, number, number];
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(time);
  // 20240231… would roll over into March: not a timestamp the archive writes.
  return back.getUTCMonth() === month - 1 && back.getUTCDate() === day && hour < 24 && minute < 60 && second < 60 && year >= 1996 ? time : null;
}

/** The timestamp one second before `timestamp`, for "older than this capture". */
function previousSecond(timestamp: string): string {
  const time = timestampTime(timestamp);
  if (time === null) throw new HistoryError(`"${timestamp}" is not an archive timestamp`);
  return new Date(time - 1000).toISOString().replace(/\D/g, '').slice(0, 14);
}

function unreadable(why: string): HistoryError {
  return new HistoryError(`${WAYBACK_NAME}'s list of captures could not be read (${why}); nothing was stored.`);
}
