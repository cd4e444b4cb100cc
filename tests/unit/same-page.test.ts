import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { articleBlocks } from '../../lib/published/html-blocks';
import { isSamePage, SAME_PAGE_MIN_OVERLAP, vocabularyOverlap } from '../../lib/history/same-page';
import { findSite } from '../../lib/sites/find-site';
import { corpusBlocks } from '../support/corpus-blocks';
import { loadCorpus } from '../support/corpus';
import { loadGeneratorCorpora } from '../support/generator-corpora';

const corpus = loadCorpus();

describe('an archived copy is the page, or something else saved at its address', () => {
  test('every version of every DRF page, back to 2014, can be today\'s page', () => {
    for (const page of corpus) {
      const live = corpusBlocks(page, page.versions.at(-1)!);
      const lowest = Math.min(...page.versions.map((version) => vocabularyOverlap(corpusBlocks(page, version), live)));
      expect(lowest, page.slug).toBeGreaterThan(2 * SAME_PAGE_MIN_OVERLAP);
    }
  });

  test('every deploy of the six other generators\' pages can be the page\'s latest deploy', () => {
    for (const page of loadGeneratorCorpora()) {
      const read = (file: string) => articleBlocks(readFileSync(file, 'utf8'), findSite(new URL(page.url)), { wholeWithoutRoot: true })!;
      const live = read(page.versions.at(-1)!.file);
      for (const version of page.versions) expect(isSamePage(read(version.file), live), `${page.url} ${version.file}`).toBe(true);
    }
  });

  const site = findSite(new URL('https://www.django-rest-framework.org/api-guide/fields/'));
  test.each([
    ['a 404 page captured with status 200', '<html><head><title>404</title></head><body><main><h1>Page not found</h1><p>Sorry, the page you were looking for could not be found. It may have been moved or deleted; try the search box or go back to the home page.</p></main></body></html>'],
    ['a redirect notice', '<html><body><div><p>Redirecting… If you are not redirected automatically, follow this link to the new location of this document on our new website.</p></div></body></html>'],
    ['a login wall', '<html><body><form><h2>Sign in to continue</h2><p>You need an account to read this documentation. Enter your email address and password, or create a new account for free.</p></form></body></html>'],
    ['an empty body', '<html><body></body></html>'],
  ])('%s is not any corpus page', (_name, html) => {
    const blocks = articleBlocks(html, site, { wholeWithoutRoot: false });
    for (const page of corpus) expect(blocks === null || !isSamePage(blocks, corpusBlocks(page, page.versions.at(-1)!))).toBe(true);
  });
});
