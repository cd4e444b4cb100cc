import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Block } from '../../lib/blocks';
import { diffPages } from '../../lib/diff/diff-pages';
import type { ChangeSet } from '../../lib/diff/change-set';
import { markdownToBlocks } from '../../lib/markdown/markdown-blocks';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';
import { Score, words } from '../support/word-accuracy';

const texts = (md: string) => markdownToBlocks(md).map((b) => b.text);

describe('markdown → blocks', () => {
  test('the same block model as the live page: headings, paragraphs, list items, code lines, cells', () => {
    const md = [
      '# Install *now*',
      '',
      'Run the [installer](https://example.com "t") with `pip install x` \\*today\\* &mdash; or later.',
      '',
      '- First **item**',
      '    - Nested',
      '- Second',
      '',
      '```python title="a.py"',
      'def f():',
      '',
      '    return 1',
      '```',
      '',
      '| Name | Value |',
      '| ---- | ----- |',
      '| a    | `1`   |',
      '',
      '![diagram](d.png)',
    ].join('\n');
    expect(markdownToBlocks(md)).toEqual<Block[]>([
      { kind: 'heading', level: 1, text: 'Install now' },
      { kind: 'paragraph', level: 0, text: 'Run the installer with pip install x *today* — or later.' },
      { kind: 'list-item', level: 0, text: 'First item' },
      { kind: 'list-item', level: 0, text: 'Nested' },
      { kind: 'list-item', level: 0, text: 'Second' },
      { kind: 'code', level: 0, text: 'def f():' },
      { kind: 'code', level: 0, text: 'return 1' },
      { kind: 'table-cell', level: 0, text: 'Name' },
      { kind: 'table-cell', level: 0, text: 'Value' },
      { kind: 'table-cell', level: 0, text: 'a' },
      { kind: 'table-cell', level: 0, text: '1' },
    ]);
  });

  test('front matter, MkDocs meta headers and attribute lists are not content', () => {
    expect(texts('---\ntitle: X\ntags: [a]\n---\n\n# Hello {#hello}\n\nText.{: .lead }')).toEqual(['Hello', 'Text.']);
    expect(texts('source: fields.py\n      other.py\n\n# Fields')).toEqual(['Fields']);
  });

  test('MDX: imports, exports, JSX components and {expressions} leave only the readable text', () => {
    const mdx = [
      "import Tabs from '@theme/Tabs';",
      'export const meta = { x: 1 };',
      '',
      '# Models {/* hidden */}',
      '',
      '<Tabs groupId="lang">',
      '<TabItem value="py" label="Python">',
      '',
      'Use the {props.name} client.',
      '',
      '</TabItem>',
      '</Tabs>',
      '',
      'Inline `{code}` stays.',
    ].join('\n');
    expect(texts(mdx)).toEqual(['Models', 'Use the client.', 'Inline {code} stays.']);
  });

  test('admonitions (MkDocs, Docusaurus) read as their title and body', () => {
    expect(texts('!!! note\n    Body text here.\n\nAfter.')).toEqual(['Note', 'Body text here.', 'After.']);
    expect(texts('!!! warning "Careful now"\n    Body.')).toEqual(['Careful now', 'Body.']);
    expect(texts(':::tip Pro tip\nBody.\n:::\n')).toEqual(['Pro tip', 'Body.']);
    expect(texts(':::note\nBody.\n:::\n')).toEqual(['Note', 'Body.']);
  });

  test('hostile markup in markdown is text, never markup', () => {
    const blocks = markdownToBlocks('Hi <img src=x onerror="alert(1)"> there <script>alert(2)</script>\n\n<svg onload=alert(3)>x</svg>');
    expect(blocks.map((b) => b.text).join(' ')).not.toMatch(/alert|onerror|onload|<img|<script/);
  });

  test('plain-markdown braces (dicts in code, templates) are kept', () => {
    expect(texts("    {'id': 1}\n\nUse `{'a': 1}` or {this}.")).toEqual(["{'id': 1}", "Use {'a': 1} or {this}."]);
  });
});

describe('markdown twins of the DRF corpus', () => {
  const corpus = loadCorpus();
  const addedWords = (diff: ChangeSet, blocks: Block[]) => diff.changes.flatMap((c) => c.added.flatMap((s) => words(blocks[s.block]!.text.slice(s.start, s.end))));
  const removedWords = (diff: ChangeSet) =>
    diff.changes.flatMap((c) => c.removed.flatMap((r) => (r.kind === 'blocks' ? r.blocks.flatMap((b) => words(b.text)) : r.parts.filter((p) => p.removed).flatMap((p) => words(p.text)))));

  const added = new Score();
  const removed = new Score();

  test.each(corpus.map((page) => [page.slug, page] as const))('%s: markdown reads like its rendered page, and its changes like the HTML\'s', (_slug, page) => {
    let changed = 0;
    let total = 0;
    const pageAdded = new Score();
    const pageRemoved = new Score();
    page.versions.forEach((version, i) => {
      if (!version.markdownPath) return;
      const markdown = markdownToBlocks(readFileSync(version.markdownPath, 'utf8'));
      const html = corpusBlocks(page, version);
      const twin = diffPages(html, markdown);
      changed += twin.addedWords + twin.removedWords;
      total += html.reduce((n, b) => n + words(b.text).length, 0);
      const next = page.versions[i + 1];
      if (!next) return;
      const nextHtml = corpusBlocks(page, next);
      const reference = diffPages(html, nextHtml);
      const fromMarkdown = diffPages(markdown, nextHtml);
      for (const score of [added, pageAdded]) score.add(addedWords(fromMarkdown, nextHtml), addedWords(reference, nextHtml));
      for (const score of [removed, pageRemoved]) score.add(removedWords(fromMarkdown), removedWords(reference));
    });
    console.log(
      `${page.slug}: markdown vs its own HTML ${((100 * changed) / total).toFixed(2)}% of words changed; ` +
        `markdown k → HTML k+1 vs HTML k → HTML k+1: added P ${pageAdded.precision.toFixed(3)} R ${pageAdded.recall.toFixed(3)}, removed P ${pageRemoved.precision.toFixed(3)} R ${pageRemoved.recall.toFixed(3)}`,
    );
    expect(total).toBeGreaterThan(0);
    expect(changed / total, 'source-only edits do not show as changes').toBeLessThanOrEqual(0.01);
  });

  test('over all pages, markdown-based changes agree with HTML-based ones (≥ 0.95)', () => {
    expect(added.expected).toBeGreaterThan(1000);
    expect(added.precision).toBeGreaterThanOrEqual(0.95);
    expect(added.recall).toBeGreaterThanOrEqual(0.95);
    expect(removed.precision).toBeGreaterThanOrEqual(0.95);
    expect(removed.recall).toBeGreaterThanOrEqual(0.95);
  });
});
