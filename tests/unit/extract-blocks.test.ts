// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { extractBlocks, plainBlocks } from '../../lib/extract/extract-blocks';
import { isSpaceCode, locateOffset } from '../../lib/extract/locate-offset';
import { countWords, tokenize } from '../../lib/diff/tokens';
import { findContentRoot, findSite, ignoreSelector } from '../../lib/sites/find-site';
import { diffPages } from '../../lib/diff/diff-pages';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';
import { parseHtml } from '../support/parse-html';

function blocksOf(html: string) {
  document.body.replaceChildren();
  const root = document.createElement('article');
  // Test fixture markup, parsed by the test's own document.
  root.innerHTML = html;
  document.body.appendChild(root);
  return { root, located: extractBlocks(root, ignoreSelector(undefined)) };
}

describe('reading an article into blocks', () => {
  test('headings, paragraphs, list items, table cells and code lines are blocks', () => {
    const { located } = blocksOf(`
      <h2 id="x">Install <a class="headerlink" href="#x">¶</a></h2>
      <p>Run   the <code>pip</code>
         installer.</p>
      <ul><li>First <em>item</em><ul><li>Nested</li></ul></li><li>Second</li></ul>
      <table><tr><th>Name</th><td>Value&nbsp;one</td></tr></table>
      <pre><code><span>def f():</span>
    return 1

</code></pre>
      <div class="highlight"><pre><span>a = 1</span><br><span>b = 2</span></pre></div>`);
    expect(plainBlocks(located)).toEqual([
      { kind: 'heading', level: 2, text: 'Install' },
      { kind: 'paragraph', level: 0, text: 'Run the pip installer.' },
      { kind: 'list-item', level: 0, text: 'First item' },
      { kind: 'list-item', level: 0, text: 'Nested' },
      { kind: 'list-item', level: 0, text: 'Second' },
      { kind: 'table-cell', level: 0, text: 'Name' },
      { kind: 'table-cell', level: 0, text: 'Value one' },
      { kind: 'code', level: 0, text: 'def f():' },
      { kind: 'code', level: 0, text: 'return 1' },
      { kind: 'code', level: 0, text: 'a = 1' },
      { kind: 'code', level: 0, text: 'b = 2' },
    ]);
  });

  test('scripts, buttons, hidden text, navigation and DocDelta\'s own elements are not content', () => {
    const { located } = blocksOf(`
      <p>Visible<script>var secret = 1;</script><button>Copy</button></p>
      <p hidden>Hidden paragraph</p><nav>Previous / Next</nav>
      <docdelta-removed>ghost text</docdelta-removed>
      <p aria-hidden="true">decorative</p><p>End</p>`);
    expect(plainBlocks(located).map((b) => b.text)).toEqual(['Visible', 'End']);
  });

  test('extraction never changes the page', () => {
    const { root } = blocksOf('<p>One <b>two</b></p><pre>x\ny</pre>');
    const before = root.innerHTML;
    extractBlocks(root, ignoreSelector(undefined));
    expect(root.innerHTML).toBe(before);
  });

  test('every token of every block maps back to exactly its DOM text', () => {
    const page = loadCorpus().find((p) => p.slug === 'api-guide__fields')!;
    for (const version of [page.versions[0]!, page.versions.at(-1)!]) {
      const doc = parseHtml(readFileSync(version.html, 'utf8'), page.url);
      const site = findSite(new URL(page.url));
      const located = extractBlocks(findContentRoot(doc, site)!, ignoreSelector(site));
      let checked = 0;
      for (const block of located) {
        for (const word of tokenize(block.text)) {
          const start = locateOffset(block, word.start, 'start')!;
          const end = locateOffset(block, word.end, 'end')!;
          const range = doc.createRange();
          range.setStart(start.node, start.offset);
          range.setEnd(end.node, end.offset);
          expect(range.toString().replace(/\s+/g, '')).toBe(word.text);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(1000);
    }
  });

  test('a place is found across every kind of space the reader splits on', () => {
    // Every UTF-16 code unit: the fast check and the reader's `\s` agree.
    for (let code = 0; code <= 0xffff; code++) expect(isSpaceCode(code), code.toString(16)).toBe(/\s/.test(String.fromCharCode(code)));
    const { root } = blocksOf('<p>one\u00a0two\u3000three\u2028four \u202f five\ufeffsix</p>');
    const [block] = extractBlocks(root, ignoreSelector(undefined));
    expect(block!.text).toBe('one two three four five six');
    for (const word of tokenize(block!.text)) {
      const start = locateOffset(block!, word.start, 'start')!;
      const end = locateOffset(block!, word.end, 'end')!;
      expect(start.node.data.slice(start.offset, end.offset)).toBe(word.text);
    }
  });
});

describe('what is not a text change', () => {
  test('a link that now points elsewhere, with the same text, is not a change', () => {
    const before = plainBlocks(blocksOf('<p>See the <a href="https://vaspdirectory.net/">directory guide</a> first.</p>').located);
    const after = plainBlocks(blocksOf('<p>See the <a href="https://trisa.directory/guide">directory guide</a> first.</p>').located);
    expect(diffPages(before, after).changes).toEqual([]);
  });

  test('a text change inside a link highlights the changed word only, not the link', () => {
    const before = plainBlocks(blocksOf('<p>See the <a href="/a">directory guide</a> first.</p>').located);
    const after = plainBlocks(blocksOf('<p>See the <a href="/a">directory handbook</a> first.</p>').located);
    const diff = diffPages(before, after);
    expect(diff.changes.flatMap((c) => c.added).map((s) => after[s.block]!.text.slice(s.start, s.end))).toEqual(['handbook']);
  });
});

describe('the 2026 theme change (Bootstrap → MkDocs Material)', () => {
  test.each(loadCorpus().map((p) => [p.slug, p] as const))('%s: the same content is found in both themes', (_slug, page) => {
    const first = page.versions.findIndex((v) => v.date >= '2026-03-01');
    const before = corpusBlocks(page, page.versions[first - 1]!);
    const after = corpusBlocks(page, page.versions[first]!);
    const words = after.reduce((n, b) => n + countWords(b.text), 0);
    const diff = diffPages(before, after);
    expect(words).toBeGreaterThan(500);
    // Whatever the redesign changed in markup, at most 2% of the words read as changed.
    expect((diff.addedWords + diff.removedWords) / words).toBeLessThan(0.02);
  });
});
