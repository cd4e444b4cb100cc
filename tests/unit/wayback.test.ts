import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { HistoryError } from '../../lib/history/history-error';
import { captureUrl, cdxQueryUrl, parseCdxAnswer, timestampTime, WAYBACK_LIMITS } from '../../lib/history/wayback';
import { loadCorpus, readHtml } from '../support/corpus';

/** The archive's digest of some bytes: SHA-1 in RFC 4648 base32. */
function digestOf(bytes: string): string {
  const hash = createHash('sha1').update(bytes).digest();
  let bits = '';
  for (const byte of hash) bits += byte.toString(2).padStart(8, '0');
  return bits.match(/.{5}/g)!.map((chunk) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[parseInt(chunk, 2)]).join('');
}

/** A CDX answer in the documented shape, listing real versions of a real page at their deploy times. */
function cdxAnswerFor(slug: string) {
  const page = loadCorpus().find((p) => p.slug === slug)!;
  const rows = page.versions.map((version) => [version.stem.slice(0, 15).replace('T', ''), page.url, digestOf(readHtml(version)), '200']);
  return { page, text: JSON.stringify([['timestamp', 'original', 'digest', 'statuscode'], ...rows]) };
}

describe('CDX requests', () => {
  test('ask for the newest captures with status 200 and distinct content, as JSON', () => {
    const url = new URL(cdxQueryUrl('https://www.django-rest-framework.org/api-guide/fields/#booleanfield', { newest: 5 }));
    expect(url.origin + url.pathname).toBe('https://web.archive.org/cdx/search/cdx');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      url: 'https://www.django-rest-framework.org/api-guide/fields/',
      output: 'json',
      fl: 'timestamp,original,digest,statuscode',
      filter: 'statuscode:200',
      collapse: 'digest',
      limit: '-5',
    });
  });

  test('older captures: everything up to the second before the oldest one shown', () => {
    const url = new URL(cdxQueryUrl('https://www.django-rest-framework.org/api-guide/fields/', { newest: 5, before: '20200101000000' }));
    expect(url.searchParams.get('to')).toBe('20191231235959');
  });

  test('a capture is fetched as its original bytes (id_), without the fragment', () => {
    expect(captureUrl({ timestamp: '20240131120000' }, 'https://docs.example.org/a/b/?x=1#part', ['x'])).toBe('https://web.archive.org/web/20240131120000id_/https://docs.example.org/a/b/?x=1');
  });

  test("of the reader's address, only the query parameters that name the page are sent", () => {
    const address = 'https://docs.example.org/search/?lang=fr&q=my+private+search&session=abc123&utm_source=mail#results';
    const asked = new URL(cdxQueryUrl(address, { newest: 5, keepQuery: ['lang'] })).searchParams.get('url');
    expect(asked).toBe('https://docs.example.org/search/?lang=fr');
    expect(captureUrl({ timestamp: '20240131120000' }, address)).toBe('https://web.archive.org/web/20240131120000id_/https://docs.example.org/search/');
    // A capture's own address comes from the archive's list: asked for as the archive filed it.
    expect(captureUrl({ timestamp: '20240131120000', original: 'http://docs.example.org/search/?lang=fr' }, address)).toBe('https://web.archive.org/web/20240131120000id_/http://docs.example.org/search/?lang=fr');
  });
});

const PAGE = 'https://docs.example.org/guide/';

describe('CDX answers', () => {
  test('a capture made under http://, or without www., is asked for under the address the archive has', () => {
    const [capture] = parseCdxAnswer(JSON.stringify([['timestamp', 'original', 'digest', 'statuscode'], ['20240131120000', 'http://www.docs.example.org/guide/', 'C'.repeat(32), '200']]), PAGE);
    expect(captureUrl(capture!, PAGE)).toBe('https://web.archive.org/web/20240131120000id_/http://www.docs.example.org/guide/');
  });

  test('a real page\'s history reads newest first, one capture per content digest', () => {
    const { page, text } = cdxAnswerFor('api-guide__fields');
    const captures = parseCdxAnswer(text, page.url);
    expect(captures).toHaveLength(page.versions.length);
    expect(captures[0]!.time).toBe(Date.parse(page.versions.at(-1)!.date));
    expect(captures.at(-1)!.time).toBe(Date.parse(page.versions[0]!.date));
    expect(captures.every((capture, i) => i === 0 || capture.time < captures[i - 1]!.time)).toBe(true);
  });

  test('a capture identical to the one before it is no new version; a page that went back to an old text is', () => {
    const [a, b] = ['A'.repeat(32), 'B'.repeat(32)];
    const rows = [['20200101000000', a], ['20200601000000', a], ['20210101000000', b], ['20220101000000', a]].map(([timestamp, digest]) => [timestamp, PAGE, digest, '200']);
    expect(parseCdxAnswer(JSON.stringify([['timestamp', 'original', 'digest', 'statuscode'], ...rows]), PAGE).map((c) => c.timestamp)).toEqual(['20220101000000', '20210101000000', '20200101000000']);
  });

  test("a hostile list: rows naming another page of the site, or dated in the future, are not this page's history", () => {
    const digest = (n: number) => String.fromCharCode(65 + n).repeat(32);
    const rows = [
      ['20240101000000', 'https://docs.example.org/guide/', digest(0)],
      ['20240201000000', 'https://docs.example.org/other-page/', digest(1)], // a neighbouring article
      ['20240301000000', 'https://docs.example.org/guide/sub/', digest(2)],
      ['20990101000000', 'https://docs.example.org/guide/', digest(3)], // would be every later visit's baseline
      ['20240401000000', 'http://www.docs.example.org/guide/index.html?utm_source=x#top', digest(4)], // this page, as the archive files it
    ].map((row) => [...row, '200']);
    const text = JSON.stringify([['timestamp', 'original', 'digest', 'statuscode'], ...rows]);
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(parseCdxAnswer(text, PAGE, { now }).map((c) => c.timestamp)).toEqual(['20240401000000', '20240101000000']);
    // A query parameter the site's rule keeps names another page.
    const query = JSON.stringify([['timestamp', 'original', 'digest', 'statuscode'], ['20240101000000', 'https://docs.example.org/guide/?lang=fr', digest(0), '200'], ['20240201000000', 'https://docs.example.org/guide/?lang=de', digest(1), '200']]);
    expect(parseCdxAnswer(query, 'https://docs.example.org/guide/?lang=de', { now, keepQuery: ['lang'] }).map((c) => c.timestamp)).toEqual(['20240201000000']);
  });

  test('a page never captured: an empty body or an empty list', () => {
    expect(parseCdxAnswer('', PAGE)).toEqual([]);
    expect(parseCdxAnswer('[]', PAGE)).toEqual([]);
  });

  const header = ['timestamp', 'original', 'digest', 'statuscode'];
  const good = ['20240131120000', PAGE, 'C'.repeat(32), '200'];
  test.each([
    ['not JSON', '20240131120000 CCCC 200', /not the JSON/],
    ['an object', '{"timestamp":"20240131120000"}', /not a list/],
    ['other fields', JSON.stringify([['urlkey', 'timestamp', 'original'], good]), /first row/],
    ['a row too short', JSON.stringify([header, good, ['20240131120000', PAGE, 'C'.repeat(32)]]), /row 2 is not a capture/],
    ['a date that does not exist', JSON.stringify([header, ['20240231120000', PAGE, 'C'.repeat(32), '200']]), /row 1/],
    ['a status other than 200', JSON.stringify([header, ['20240131120000', PAGE, 'C'.repeat(32), '302']]), /row 1/],
    ['a digest that is no SHA-1', JSON.stringify([header, ['20240131120000', PAGE, '<script>', '200']]), /row 1/],
    ['numbers for strings', JSON.stringify([header, [20240131120000, PAGE, 'C'.repeat(32), 200]]), /row 1/],
    ['a capture of another site', JSON.stringify([header, ['20240131120000', 'https://evil.example/', 'C'.repeat(32), '200']]), /row 1/],
    ['an address that is no web address', JSON.stringify([header, ['20240131120000', 'javascript:alert(1)', 'C'.repeat(32), '200']]), /row 1/],
    ['far too many rows', JSON.stringify([header, ...Array.from({ length: WAYBACK_LIMITS.listRows + 1 }, () => good)]), /more than 500 captures/],
    ['far too large', `[${' '.repeat(WAYBACK_LIMITS.listBytes)}]`, /far larger/],
  ])('refused whole, in plain words: %s', (_name, text, why) => {
    expect(() => parseCdxAnswer(text, PAGE)).toThrow(HistoryError);
    expect(() => parseCdxAnswer(text, PAGE)).toThrow(why);
    expect(() => parseCdxAnswer(text, PAGE)).toThrow(/The Internet Archive's list of captures could not be read .*nothing was stored/);
  });

  test('timestamps are real instants in UTC', () => {
    expect(timestampTime('20260301185926')).toBe(Date.parse('2026-03-01T18:59:26Z'));
    expect(timestampTime('20261301000000')).toBeNull();
    expect(timestampTime('2026030118592')).toBeNull();
    expect(timestampTime('20260301246000')).toBeNull();
  });
});
