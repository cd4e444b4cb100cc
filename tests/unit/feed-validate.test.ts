import { describe, expect, test } from 'vitest';
import { FeedError } from '../../lib/feed/feed-error';
import { FEED_LIMITS } from '../../lib/feed/feed-schema';
import { checkFeedUrl, resolveInFeed } from '../../lib/feed/feed-urls';
import { parseFeedIndex, parsePageShard, parseVersionList } from '../../lib/feed/parse-feed-file';

const INDEX = 'https://feeds.example.org/drf/index.json';
const sha = 'a'.repeat(64);

const index = {
  format: 'docdelta-feed',
  version: 1,
  title: 'DRF docs',
  site: 'https://www.django-rest-framework.org/',
  generated: '2026-11-20T12:00:00Z',
  pageShards: { hexDigits: 1, url: 'pages/{shard}.json' },
};
const version = (id: string, time: string) => ({ id, time, type: 'markdown', sha256: sha, bytes: 10, url: `../content/${id}.md` });
const list = {
  format: 'docdelta-feed-versions',
  version: 1,
  page: 'www.django-rest-framework.org/api-guide/fields',
  versions: [version('b', '2026-08-06T15:20:41Z'), version('a', '2026-07-25T10:33:07Z')],
  older: null,
};
const shard = {
  format: 'docdelta-feed-pages',
  version: 1,
  pages: [{ key: 'www.django-rest-framework.org/api-guide/fields', url: 'https://www.django-rest-framework.org/api-guide/fields/', versions: '../versions/x/0.json', latest: '2026-08-06T15:20:41Z', count: 2 }],
};
const json = (value: unknown) => JSON.stringify(value);

describe('feed validation', () => {
  test('good files parse', () => {
    expect(parseFeedIndex(json(index), INDEX).pageShards.hexDigits).toBe(1);
    expect(parseVersionList(json(list), INDEX).versions).toHaveLength(2);
    expect(parsePageShard(json(shard), INDEX).pages[0]!.count).toBe(2);
  });

  test.each([
    ['malformed JSON', '{"format": "docdelta-feed",', /not valid JSON/],
    ['truncated JSON', json(index).slice(0, 40), /not valid JSON/],
    ['wrong type', json({ ...index, version: '1' }), /invalid feed index: version/],
    ['unknown field', json({ ...index, script: 'alert(1)' }), /invalid feed index/],
    ['newer format', json({ ...index, version: 2 }), /format version 2; this DocDelta reads version 1/],
    ['bad timestamp', json({ ...index, generated: 'yesterday' }), /generated must be an ISO 8601/],
    ['__proto__ key', '{"format":"docdelta-feed","__proto__":{"polluted":1}}', /forbidden key "__proto__"/],
    ['nested constructor key', json({ ...index, pageShards: { hexDigits: 1, url: 'p/{shard}', constructor: { prototype: { polluted: 1 } } } }), /forbidden key "constructor"/],
    ['deep nesting', '['.repeat(100) + ']'.repeat(100), /nested too deeply/],
    ['not an object', '"hello"', /invalid feed index/],
  ])('a feed index with %s is refused with a clear error', (_name, text, message) => {
    expect(() => parseFeedIndex(text, INDEX)).toThrow(FeedError);
    expect(() => parseFeedIndex(text, INDEX)).toThrow(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each([
    ['duplicate ids', { ...list, versions: [version('a', '2026-08-06T15:20:41Z'), version('a', '2026-07-25T10:33:07Z')] }, /version ids must be unique/],
    ['oldest first', { ...list, versions: [...list.versions].reverse() }, /newest first/],
    ['too many versions', { ...list, versions: Array.from({ length: FEED_LIMITS.versionsPerList + 1 }, (_, i) => version(`v${i}`, '2026-01-01T00:00:00Z')) }, /versions/],
    ['a bad sha256', { ...list, versions: [{ ...version('a', '2026-01-01T00:00:00Z'), sha256: 'xyz' }] }, /sha256/],
    ['an HTML content type named otherwise', { ...list, versions: [{ ...version('a', '2026-01-01T00:00:00Z'), type: 'script' }] }, /type/],
    ['no versions', { ...list, versions: [] }, /versions/],
    ['an oversized version', { ...list, versions: [{ ...version('a', '2026-01-01T00:00:00Z'), bytes: FEED_LIMITS.contentBytes + 1 }] }, /bytes/],
  ])('a version list with %s is refused', (_name, value, message) => {
    expect(() => parseVersionList(json(value), INDEX)).toThrow(message);
  });

  test('a page list with duplicate page keys is refused', () => {
    expect(() => parsePageShard(json({ ...shard, pages: [shard.pages[0], shard.pages[0]] }), INDEX)).toThrow(/page keys must be unique/);
  });

  test.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x'])('a page whose url is %s is refused', (url) => {
    expect(() => parsePageShard(json({ ...shard, pages: [{ ...shard.pages[0], url }] }), INDEX)).toThrow(/url must be an http\(s\) address/);
  });

  test.each([
    ['a delta whose base is later in the list', (a: object, b: object) => [{ ...a, url: undefined, delta: { from: 'b', url: 'd.json.gz', bytes: 10 } }, b]],
    ['a delta whose base is not in the list', (a: object, b: object) => [a, { ...b, url: undefined, delta: { from: 'zzz', url: 'd.json.gz', bytes: 10 } }]],
    ['both a url and a delta', (a: object, b: object) => [a, { ...b, delta: { from: 'a', url: 'd.json.gz', bytes: 10 } }]],
  ])('a version list with %s is refused', (_name, make) => {
    const versions = make(version('a', '2026-08-06T15:20:41Z'), version('b', '2026-07-25T10:33:07Z'));
    expect(() => parseVersionList(json({ ...list, versions }), INDEX)).toThrow(/delta|url or delta/);
  });

  test('hostile text is kept as text (it is only ever shown with textContent)', () => {
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const parsed = parseVersionList(json({ ...list, versions: [{ ...version('a', '2026-01-01T00:00:00Z'), label: hostile }] }), INDEX);
    expect(parsed.versions[0]!.label).toBe(hostile);
  });
});

describe('feed URLs', () => {
  test('feeds are https, or http on this machine only', () => {
    expect(checkFeedUrl('https://feeds.example.org/index.json').href).toBe('https://feeds.example.org/index.json');
    expect(checkFeedUrl('http://127.0.0.1:8080/index.json').port).toBe('8080');
    expect(checkFeedUrl('http://localhost/index.json').hostname).toBe('localhost');
    for (const bad of ['http://feeds.example.org/index.json', 'ftp://x/y', 'javascript:alert(1)', 'file:///etc/passwd', 'https://u:p@x.org/i.json', 'not a url']) {
      expect(() => checkFeedUrl(bad), bad).toThrow(FeedError);
    }
  });

  test('files resolve relative to the file that names them, inside the feed', () => {
    const versions = 'https://feeds.example.org/drf/versions/x/0.json';
    expect(resolveInFeed('../../content/a.md', versions, INDEX).href).toBe('https://feeds.example.org/drf/content/a.md');
    expect(resolveInFeed('pages/1.json#frag', INDEX, INDEX).href).toBe('https://feeds.example.org/drf/pages/1.json');
  });

  test.each(['../../../etc/passwd', '/other-feed/x.json', 'https://evil.example.net/drf/x.md', 'http://feeds.example.org/drf/x.md', '%2e%2e/%2e%2e/%2e%2e/x', 'javascript:alert(1)', '//evil.example.net/x'])(
    '%s escaping the feed is refused',
    (reference) => {
      expect(() => resolveInFeed(reference, 'https://feeds.example.org/drf/versions/x/0.json', INDEX)).toThrow(/outside the feed|not a URL/);
    },
  );
});
