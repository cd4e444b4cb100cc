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
    expect(pageKey('https://docs.example.com/api?lang=python', siteOf)).not.toBe(pageKey('https://docs.example.com/api?lang=go', siteOf));
    expect(pageKey('https://docs.example.com/api?lang=go&highlight=x', siteOf)).toBe(pageKey('https://docs.example.com/api?utm_campaign=y&lang=go', siteOf));
    expect(pageKey('https://docs.example.com/api?lang=go', siteOf)).toBe('docs.example.com/api?lang=go');
  });

  // The docs' rule keeps `lang`: it names a page.
  const siteOf = (url: URL) => (/^\/(guide|latest|api)\b/.test(url.pathname) ? { id: 'docs', keepQuery: ['lang'] } : url.pathname.startsWith('/forum/') ? { id: 'forum' } : undefined);

  test('different paths are different pages', () => {
    expect(pageKey('https://docs.example.com/guide/upgrade')).not.toBe(base);
  });
});
