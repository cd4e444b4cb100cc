import { describe, expect, test } from 'vitest';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { contentScriptPatterns, findSite } from '../../lib/sites/find-site';

/** A manifest match pattern as a predicate, the way the browser reads it. */
function patternMatches(pattern: string, url: URL): boolean {
  const [, scheme, host, path] = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern)!;
  if (scheme !== '*' && `${scheme}:` !== url.protocol) return false;
  if (host !== url.hostname) return false;
  const regex = new RegExp('^' + path!.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return regex.test(url.pathname + url.search);
}

describe('built-in docs sites', () => {
  const required = [
    'developers.openai.com', 'platform.openai.com', 'docs.anthropic.com', 'docs.claude.com', 'code.claude.com',
    'www.django-rest-framework.org', 'developer.mozilla.org', 'react.dev', 'docs.python.org', 'kubernetes.io',
    'docs.github.com', 'learn.microsoft.com', 'docs.docker.com',
  ];

  test('cover every site the product promises', () => {
    const hosts = new Set(builtinSites.flatMap((site) => site.examples.map((example) => new URL(example).hostname)));
    for (const host of required) expect(hosts, host).toContain(host);
  });

  test.each(builtinSites.map((site) => [site.id, site] as const))('%s accepts its own example URLs and no other rule does', (_id, site) => {
    expect(site.examples.length).toBeGreaterThan(0);
    for (const example of site.examples) {
      const url = new URL(example);
      expect(site.matches(url), example).toBe(true);
      expect(findSite(url)?.id, `${example} is claimed by exactly this rule`).toBe(site.id);
      expect(site.patterns.some((pattern) => patternMatches(pattern, url)), `${example} gets the content script`).toBe(true);
      for (const other of builtinSites) if (other !== site) expect(other.matches(url), `${other.id} must not claim ${example}`).toBe(false);
    }
  });

  test('pages that are not docs are not tracked', () => {
    for (const url of [
      'https://developer.mozilla.org/en-US/', // MDN home, not a docs article
      'https://react.dev/community',
      'https://kubernetes.io/blog/2024/01/01/post/',
      'https://platform.openai.com/login',
      'https://code.claude.com/pricing',
      'https://example.com/docs/intro',
    ]) {
      expect(findSite(new URL(url)), url).toBeUndefined();
    }
  });

  test('the manifest patterns are exactly the rules\' patterns', () => {
    expect(contentScriptPatterns()).toEqual([...new Set(builtinSites.flatMap((site) => site.patterns))]);
  });
});
