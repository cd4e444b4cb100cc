import { describe, expect, test } from 'vitest';
import { pageKey } from '../../lib/page-identity';

describe('page identity', () => {
  const base = pageKey('https://docs.example.com/guide/install');

  test.each([
    'https://docs.example.com/guide/install/',
    'https://docs.example.com/guide/install#linux',
    'https://docs.example.com/guide/install/index.html',
    'https://docs.example.com/guide/install?utm_source=newsletter&utm_medium=email',
    'https://docs.example.com/guide/install?gclid=abc&fbclid=def',
    'http://docs.example.com/guide/install',
    'https://DOCS.example.com/guide/install',
  ])('%s is the same page', (url) => {
    expect(pageKey(url)).toBe(base);
  });

  test('the query does not split a page (search highlights, tabs, tracking)', () => {
    expect(pageKey('https://docs.example.com/guide/install?highlight=pip')).toBe(base);
    expect(pageKey('https://docs.example.com/guide/install?a=1&b=2')).toBe(base);
  });

  test('query parameters the site rule keeps name different pages, in any order', () => {
    expect(pageKey('https://docs.example.com/api?lang=python', null, siteOf)).not.toBe(pageKey('https://docs.example.com/api?lang=go', null, siteOf));
    expect(pageKey('https://docs.example.com/api?lang=go&highlight=x', null, siteOf)).toBe(pageKey('https://docs.example.com/api?utm_campaign=y&lang=go', null, siteOf));
    expect(pageKey('https://docs.example.com/api?lang=go', null, siteOf)).toBe('docs.example.com/api?lang=go');
  });

  // Two sites on one host: the docs under /guide/ and /latest/, a forum under /forum/.
  const siteOf = (url: URL) => (/^\/(guide|latest|api)\b/.test(url.pathname) ? { id: 'docs', keepQuery: ['lang'] } : url.pathname.startsWith('/forum/') ? { id: 'forum' } : undefined);

  test("a canonical link within the page's own site names the page", () => {
    expect(pageKey('https://docs.example.com/latest/guide/install', '/guide/install/', siteOf)).toBe(base);
  });

  test('a canonical link into another site on the same host cannot claim its history', () => {
    expect(pageKey('https://docs.example.com/forum/post-1', '/guide/install', siteOf)).toBe(pageKey('https://docs.example.com/forum/post-1'));
    expect(pageKey('https://docs.example.com/somewhere/untracked', '/guide/install', siteOf)).not.toBe(base);
  });

  test('a canonical link to another origin or scheme, or without sites to judge it, is ignored', () => {
    expect(pageKey('https://docs.example.com/guide/install', 'https://evil.example.net/guide/other', siteOf)).toBe(base);
    expect(pageKey('https://docs.example.com/guide/other', 'http://docs.example.com/guide/install', siteOf)).toBe(pageKey('https://docs.example.com/guide/other'));
    expect(pageKey('https://docs.example.com/guide/other', '/guide/install')).toBe(pageKey('https://docs.example.com/guide/other'));
  });

  test('a malformed canonical link is ignored', () => {
    expect(pageKey('https://docs.example.com/guide/install', 'http://[::1', siteOf)).toBe(base);
  });

  test('different paths are different pages', () => {
    expect(pageKey('https://docs.example.com/guide/upgrade')).not.toBe(base);
  });
});
