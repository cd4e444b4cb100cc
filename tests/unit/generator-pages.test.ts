import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { extractBlocks, plainBlocks } from '../../lib/extract/extract-blocks';
import { findContentRoot, ignoreSelector } from '../../lib/sites/find-site';
import { closeDocument, parseHtml } from '../support/parse-html';

// One real page per generator or theme (tests/fixtures/generators/manifest.json says how each
// was made and under which licence), read with the generic rules as a site the reader added.
const dir = resolve(import.meta.dirname, '../fixtures/generators');
interface GeneratorPage {
  file: string;
  generator: string;
  /** The element that holds the article, as a selector of the fixture's own markup. */
  root: string;
  reads: string[];
  /** Sidebar, footer, date, edit-link and pager text of the page's frame. */
  never: string[];
}
const { pages } = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pages: GeneratorPage[] };

describe('the article on each generator\'s page, and nothing of its frame', () => {
  test.each(pages.map((page) => [page.generator, page] as const))('%s', (_name, page) => {
    const doc = parseHtml(readFileSync(join(dir, page.file), 'utf8'), 'https://docs.example.org/guide/');
    try {
      const root = findContentRoot(doc, undefined);
      expect(root).toBe(doc.querySelector(page.root));
      const text = plainBlocks(extractBlocks(root!, ignoreSelector(undefined))).map((block) => block.text).join('\n');
      for (const phrase of page.reads) expect(text).toContain(phrase);
      for (const phrase of page.never) {
        // On the page, so leaving it out is the rules' doing.
        expect(doc.body.textContent, `${page.file} shows "${phrase}"`).toContain(phrase);
        expect(text, `${page.file} must not read "${phrase}"`).not.toContain(phrase);
      }
    } finally {
      closeDocument(doc);
    }
  });
});
