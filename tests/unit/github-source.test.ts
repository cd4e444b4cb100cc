import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HistoryError } from '../../lib/history/history-error';
import { commitsUrl, parseCommitsAnswer, rateLimited, rawFileUrl } from '../../lib/history/github';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { findSite } from '../../lib/sites/find-site';
import { corpusDir } from '../support/corpus';

const withRepository = builtinSites.filter((site) => site.github);

describe('page address → source file, for every built-in site with a repository', () => {
  test.each(withRepository.map((site) => [site.id, site] as const))('%s: its examples', (_id, site) => {
    expect(site.github!.examples.length).toBeGreaterThan(1);
    for (const [url, file] of site.github!.examples) {
      expect(findSite(new URL(url)), url).toBe(site);
      expect(site.github!.files(new URL(url)), url).toContain(file);
      // The most likely file is asked first.
      expect(site.github!.files(new URL(url))[0], url).toBe(file);
      // And back: the site-wide view names the page a changed file builds (MDN's folders are its slugs in lower case, which it answers).
      expect(site.github!.pageOf(file)?.toLowerCase(), file).toBe(url.toLowerCase());
      expect(site.github!.files(new URL(site.github!.pageOf(file)!)), file).toContain(file);
    }
  });

  /** Real pages of real sites and the files their history is in, from the corpora's manifests. */
  const drf = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as { pages: Array<{ original_url: string; markdown_source_path_on_main: string }> };
  const sources = JSON.parse(readFileSync('tests/fixtures/markdown-sources/manifest.json', 'utf8')) as { sources: Array<{ slug: string; pages: Record<string, string> }>; single: Array<{ path: string }> };
  const pagesOf = (slug: string) => Object.values(sources.sources.find((source) => source.slug === slug)!.pages);
  const real: Array<[string, string]> = [
    ...drf.pages.map((page) => [page.original_url, page.markdown_source_path_on_main] as [string, string]),
    ...pagesOf('react.dev').map((file) => [`https://react.dev/${file.replace(/^src\/content\//, '').replace(/\.md$/, '')}`, file] as [string, string]),
    ...pagesOf('hugo-docs').map((file) => [`https://gohugo.io/${file.replace(/^content\/en\//, '').replace(/\.md$/, '')}/`, file] as [string, string]),
    ...pagesOf('jekyll-docs').map((file) => [`https://jekyllrb.com/docs/${file.replace(/^docs\/_docs\//, '').replace(/\.md$/, '')}/`, file] as [string, string]),
    ['https://developer.mozilla.org/en-US/docs/Web/API/HTMLElement/click', sources.single[0]!.path],
  ];
  test.each(real)('%s is written in %s', (url, file) => {
    const site = findSite(new URL(url));
    expect(site?.github, url).toBeDefined();
    expect(site!.github!.files(new URL(url))).toContain(file);
    expect(file.startsWith(`${site!.github!.folder}/`)).toBe(true);
    expect(site!.github!.pageOf(file)?.toLowerCase()).toBe(url.toLowerCase());
  });

  test('a file that builds no page of its own names none', () => {
    const github = (id: string) => builtinSites.find((site) => site.id === id)!.github!;
    expect(github('django-rest-framework').pageOf('docs/img/logo.png')).toBeNull();
    expect(github('django-rest-framework').pageOf('mkdocs.yml')).toBeNull();
    expect(github('jekyll-docs').pageOf('docs/_includes/footer.html')).toBeNull();
    expect(github('jekyll-docs').pageOf('docs/_data/docs_nav.yml')).toBeNull();
    expect(github('hugo-docs').pageOf('content/en/_common/gomodules-info.md')).toBeNull();
    expect(github('hugo-docs').pageOf('content/en/functions/_index.md')).toBe('https://gohugo.io/functions/');
    expect(github('mdn').pageOf('files/en-us/web/css/_doublecolon_before/index.md')).toBe('https://developer.mozilla.org/en-US/docs/web/css/::before');
  });

  test('addresses outside the docs, or climbing out of them, name no file', () => {
    const mdn = findSite(new URL('https://developer.mozilla.org/en-US/docs/Web'))!;
    expect(mdn.github!.files(new URL('https://developer.mozilla.org/fr/docs/Web/HTML'))).toEqual([]);
    const drfSite = findSite(new URL('https://www.django-rest-framework.org/'))!;
    // The URL parser already resolves /a/%2e%2e/; an encoded slash is only decoded here.
    expect(drfSite.github!.files(new URL('https://www.django-rest-framework.org/a/..%2F..%2F..%2Fetc/passwd'))).toEqual([]);
    expect(drfSite.github!.files(new URL('https://www.django-rest-framework.org/%E0%A4%A'))).toEqual([]);
  });
});

describe('GitHub requests and answers', () => {
  const drf = { repo: 'encode/django-rest-framework', branch: 'main' };

  test('the commits that touched one file on the site\'s branch, newest first, a page at a time', () => {
    const url = new URL(commitsUrl(drf, 'docs/api-guide/fields.md', { perPage: 5 }));
    expect(url.origin + url.pathname).toBe('https://api.github.com/repos/encode/django-rest-framework/commits');
    expect(Object.fromEntries(url.searchParams)).toEqual({ path: 'docs/api-guide/fields.md', sha: 'main', per_page: '5' });
    const older = new URL(commitsUrl(drf, 'docs/index.md', { perPage: 500, until: Date.parse('2025-12-12T11:53:28Z') }));
    expect(older.searchParams.get('per_page')).toBe('100');
    expect(older.searchParams.get('until')).toBe('2025-12-12T11:53:28Z');
    expect(rawFileUrl(drf, 'a'.repeat(40), 'docs/api guide/fields.md')).toBe(`https://raw.githubusercontent.com/encode/django-rest-framework/${'a'.repeat(40)}/docs/api%20guide/fields.md`);
  });

  const commit = (sha: string, date: string, message: string) => ({ sha, node_id: 'C_x', commit: { author: { name: 'A', email: 'a@example.org', date }, committer: { name: 'GitHub', email: 'noreply@github.com', date }, message }, html_url: `https://github.com/x/y/commit/${sha}`, parents: [] });

  test('an answer in the API\'s shape reads as commits, with their subject lines', () => {
    const text = JSON.stringify([commit('1'.repeat(40), '2026-03-01T18:59:26Z', 'Docs: fields\n\nLonger body.'), commit('2'.repeat(40), '2025-12-12T11:53:29Z', 'Fix typo')]);
    expect(parseCommitsAnswer(text)).toEqual([
      { sha: '1'.repeat(40), time: Date.parse('2026-03-01T18:59:26Z'), subject: 'Docs: fields' },
      { sha: '2'.repeat(40), time: Date.parse('2025-12-12T11:53:29Z'), subject: 'Fix typo' },
    ]);
    expect(parseCommitsAnswer('[]')).toEqual([]);
  });

  test.each([
    ['not JSON', '<html>Bad gateway</html>', /not the JSON/],
    ['an error object', '{"message":"Not Found"}', /not a list/],
    ['a short sha', JSON.stringify([commit('abc', '2026-03-01T18:59:26Z', 'x')]), /commit 1 is not one/],
    ['no date', JSON.stringify([{ sha: '1'.repeat(40), commit: { message: 'x', committer: {} } }]), /commit 1/],
    ['too many', JSON.stringify(Array.from({ length: 101 }, () => commit('1'.repeat(40), '2026-03-01T18:59:26Z', 'x'))), /more than 100 commits/],
    ['far too large', `[${' '.repeat(3 * 1024 * 1024)}]`, /far larger/],
  ])('refused whole: %s', (_name, text, why) => {
    expect(() => parseCommitsAnswer(text)).toThrow(HistoryError);
    expect(() => parseCommitsAnswer(text)).toThrow(why);
  });

  test('a spent rate limit says when to try again, in the reader\'s clock', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    const headers = new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 3900) });
    const refused = rateLimited(403, headers, now)!;
    expect(refused.retryAt).toBe(now + 3900_000);
    expect(refused.message).toMatch(/^GitHub's hourly limit is reached; try after \d{1,2}[:.]\d{2}/);
    // A 403 that is not the limit (a private repository) is another problem.
    expect(rateLimited(403, new Headers({ 'x-ratelimit-remaining': '42' }), now)).toBeNull();
    expect(rateLimited(404, headers, now)).toBeNull();
    // A reset time that is absent or absurd: an hour.
    expect(rateLimited(429, new Headers({ 'x-ratelimit-remaining': '0' }), now)!.retryAt).toBe(now + 3600_000);
    // A 429 without the limit's headers is answered by its Retry-After (ask-archive.ts).
    expect(rateLimited(429, new Headers({ 'retry-after': '60' }), now)).toBeNull();
  });
});
