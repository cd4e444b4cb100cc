import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { htmlBlocks } from '../../lib/published/html-blocks';
import { contentBlocks } from '../../lib/published/content-blocks';
import { findSite } from '../../lib/sites/find-site';
import { loadCorpus, readHtml } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';

describe('a feed\'s HTML version is read like the live page', () => {
  // Every fourth version of every corpus page, both page themes included.
  const samples = loadCorpus().flatMap((page) => page.versions.filter((_, i) => i % 4 === 0).map((version) => ({ page, version })));

  test.each(samples.map((s) => [`${s.page.slug} ${s.version.stem}`, s] as const))('%s: the same blocks as the browser-side extraction', (_name, { page, version }) => {
    const fromFeed = htmlBlocks(readHtml(version), findSite(new URL(page.url)));
    // The site's navigation, header and footer are not part of the article.
    expect(fromFeed).toEqual(corpusBlocks(page, version));
  });

  test('an article fragment without a page around it is read whole; hostile markup is only text', () => {
    const blocks = contentBlocks('html', new TextEncoder().encode(
      '<h2>Limits</h2><p>At most <b>5</b> requests.</p><script>globalThis.pwned = 1</script><img src=x onerror="globalThis.pwned = 2"><pre>a = 1\nb = 2</pre>',
    ), undefined);
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, text: 'Limits' },
      { kind: 'paragraph', level: 0, text: 'At most 5 requests.' },
      { kind: 'code', level: 0, text: 'a = 1' },
      { kind: 'code', level: 0, text: 'b = 2' },
    ]);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  test('line numbers of code listings are not read: they move when code above them grows, and sources have none', () => {
    // Hugo's own docs (a real page of gohugo.io, Apache-2.0): a listing numbered from 42 by Chroma.
    const hugo = readFileSync(join(import.meta.dirname, '../fixtures/markdown-sources/hugo-docs/content-management-shortcodes/20231001T040352Z_a3a40ff9.html'), 'utf8');
    const code = htmlBlocks(hugo, findSite(new URL('https://gohugo.io/content-management/shortcodes/'))).filter((block) => block.kind === 'code').map((block) => block.text);
    expect(code).toContain('{{ range .Pages }}');
    expect(code.filter((line) => /^4\d\s*\{\{/.test(line))).toEqual([]);
    // Pygments (Sphinx, MkDocs, mkdocstrings' "Source code in …") and Rouge (Jekyll) tables: the code, not its gutter.
    const listing = (lines: string, gutter: string) => `<article class="md-content__inner"><h1>API</h1><p>${'Words of the page. '.repeat(10)}</p>${gutter.replace('{lines}', lines)}</article>`;
    const pygments = '<details class="quote"><summary>Source code in <code>src/app.py</code></summary><div class="highlight"><table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre><span class="normal">12</span>\n<span class="normal">13</span></pre></div></td><td class="code"><div><pre><span></span><code>{lines}</code></pre></div></td></tr></table></div></details>';
    const rouge = '<table class="rouge-table"><tbody><tr><td class="rouge-gutter gl"><pre class="lineno">1\n2\n</pre></td><td class="rouge-code"><pre>{lines}</pre></td></tr></tbody></table>';
    for (const gutter of [pygments, rouge]) {
      const blocks = htmlBlocks(listing('def f():\n    return 1', gutter), undefined);
      expect(blocks.filter((block) => block.kind === 'code').map((block) => block.text)).toEqual(['def f():', 'return 1']);
    }
  });
});
