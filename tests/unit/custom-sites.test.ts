import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkSelector, customSiteRule, customSite, originOf, patternFromInput, patternMatches, SiteInputError } from '../../lib/sites/custom-sites';

describe('sites the reader adds', () => {
  test('a page address tracks its whole host; a pattern is kept as written', () => {
    expect(patternFromInput(' https://Docs.Example.org/guide/intro?x=1 ')).toBe('https://docs.example.org/*');
    expect(patternFromInput('http://localhost:8080/docs/')).toBe('http://localhost:8080/*');
    expect(patternFromInput('https://*.example.org/docs/*')).toBe('https://*.example.org/docs/*');
    expect(originOf('https://*.example.org/docs/*')).toBe('https://*.example.org/*');
  });

  test('what cannot be a docs site is refused in plain words', () => {
    for (const [input, message] of [
      ['not a url', /not a web address/],
      ['ftp://example.org/', /only http and https/],
      ['https://*/*', /not a pattern DocDelta can use/],
      ['*://example.org/*', /not a pattern/],
      ['javascript:alert(1)', /only http and https/],
      ['https://*.com/*', /would track everyone's sites/],
      ['https://*.github.io/*', /would track everyone's sites under github.io/],
      ['https://*.co.uk/docs/*', /would track everyone's sites/],
      ['https://*..com/*', /is not a host name/],
      ['https://docs.example.org:99999/*', /is not a port/],
      ['https://a*.example.org/*', /not a pattern/],
      ['https://docs.example.org/*/*/*/*/*/', /at most 4/],
    ] as const) {
      expect(() => patternFromInput(input)).toThrow(SiteInputError);
      expect(() => patternFromInput(input)).toThrow(message);
    }
  });

  test('"*." before a public suffix is refused, by the Public Suffix List, private section included', () => {
    for (const suffix of ['co.il', 'com.mx', 'ac.jp', 'ngrok.io', 'pages.dev', 'kyoto.jp', 'k12.ak.us']) {
      expect(() => patternFromInput(`https://*.${suffix}/*`), suffix).toThrow(`would track everyone's sites under ${suffix}`);
    }
    for (const host of ['docs.ngrok.io', 'example.co.il', 'django-rest-framework.org']) expect(patternFromInput(`https://*.${host}/*`)).toBe(`https://*.${host}/*`);
  });

  // The list's own test cases: `*.host` is refused exactly when the host has no registrable domain.
  const pslCases = [...readFileSync(join(import.meta.dirname, '../fixtures/psl/test_psl.txt'), 'utf8').matchAll(/^checkPublicSuffix\('([^']+)', (?:'([^']+)'|null)\);/gm)]
    .map(([, host, domain]) => [host!.toLowerCase(), domain ?? null] as const)
    // Leading dots and Unicode labels are not host names a pattern holds (the browser wants punycode).
    .filter(([host]) => !host.startsWith('.') && /^[a-z0-9.-]+$/.test(host));
  test.each(pslCases)('the Public Suffix List\'s case %s (registrable domain %s)', (host, domain) => {
    if (domain === null) expect(() => patternFromInput(`https://*.${host}/*`)).toThrow(/would track everyone's sites|is not a host name/);
    else expect(patternFromInput(`https://*.${host}/*`)).toBe(`https://*.${host}/*`);
  });

  test('patterns match as the browser matches them', () => {
    const rule = customSiteRule(customSite('https://*.example.org/docs/*', null));
    expect(rule.matches(new URL('https://example.org/docs/a'))).toBe(true);
    expect(rule.matches(new URL('https://api.example.org/docs/a/b'))).toBe(true);
    expect(rule.matches(new URL('https://example.org/blog/'))).toBe(false);
    expect(rule.matches(new URL('http://example.org/docs/a'))).toBe(false);
    expect(rule.matches(new URL('https://evil-example.org/docs/a'))).toBe(false);
    expect(patternMatches('https://docs.example.org/*', new URL('https://docs.example.org.evil.com/'))).toBe(false);
  });

  test('several "*" in a path match as globs, in time linear in the page\'s path', () => {
    expect(patternMatches('https://docs.example.org/*/api/*/ref', new URL('https://docs.example.org/v2/api/x/y/ref'))).toBe(true);
    expect(patternMatches('https://docs.example.org/*/api/*/ref', new URL('https://docs.example.org/v2/api/ref'))).toBe(false);
    expect(patternMatches('https://docs.example.org/a*a', new URL('https://docs.example.org/a'))).toBe(false);
    expect(patternMatches('https://docs.example.org/a*a', new URL('https://docs.example.org/aa'))).toBe(true);
    // The case that took 86 s with a regular expression: a 1,000-character path that almost matches.
    const path = '/' + 'a'.repeat(100_000);
    expect(patternMatches('https://docs.example.org/*a*a*a*b', new URL(`https://docs.example.org${path}`))).toBe(false);
  });

  test('a content selector is checked before it is kept', () => {
    const parse = (s: string) => {
      if (s.includes('[[')) throw new Error('bad');
    };
    expect(checkSelector('  main .content ', parse)).toBe('main .content');
    expect(checkSelector('', parse)).toBeNull();
    expect(() => checkSelector('div[[', parse)).toThrow(/not a CSS selector/);
    expect(customSiteRule(customSite('https://docs.example.org/*', '#doc')).contentRoots).toEqual(['#doc']);
  });
});
