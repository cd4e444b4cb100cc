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

  test('meaningful query parameters keep pages apart, in any order', () => {
    expect(pageKey('https://docs.example.com/api?lang=python')).not.toBe(pageKey('https://docs.example.com/api?lang=go'));
    expect(pageKey('https://docs.example.com/api?a=1&b=2')).toBe(pageKey('https://docs.example.com/api?b=2&a=1&utm_campaign=x'));
  });

  test('a same-origin canonical link names the page', () => {
    expect(pageKey('https://docs.example.com/latest/guide/install', '/guide/install/')).toBe(base);
  });

  test('a canonical link to another origin is ignored', () => {
    expect(pageKey('https://docs.example.com/guide/install', 'https://evil.example.net/other')).toBe(base);
  });

  test('a malformed canonical link is ignored', () => {
    expect(pageKey('https://docs.example.com/guide/install', 'http://[::1')).toBe(base);
  });

  test('different paths are different pages', () => {
    expect(pageKey('https://docs.example.com/guide/upgrade')).not.toBe(base);
  });
});
