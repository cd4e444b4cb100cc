import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Block } from '../../lib/blocks';
import { diffPages } from '../../lib/diff/diff-pages';
import type { ChangeSet } from '../../lib/diff/change-set';
import MarkdownIt from 'markdown-it';
import { htmlBlocks } from '../../lib/published/html-blocks';
import { markdownToBlocks } from '../../lib/markdown/markdown-blocks';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';
import { hostileMarkdown } from '../support/hostile-markdown';
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
      // The fence's title is the caption sites show above the code; the rest of its info is not text.
      { kind: 'paragraph', level: 0, text: 'a.py' },
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
    // The tab's label is on the rendered page (a tab button); its value is not.
    expect(texts(mdx)).toEqual(['Models', 'Python', 'Use the client.', 'Inline {code} stays.']);
  });

  test('admonitions (MkDocs, Docusaurus) read as their title and body', () => {
    expect(texts('!!! note\n    Body text here.\n\nAfter.')).toEqual(['Note', 'Body text here.', 'After.']);
    expect(texts('!!! warning "Careful now"\n    Body.')).toEqual(['Careful now', 'Body.']);
    expect(texts(':::tip Pro tip\nBody.\n:::\n')).toEqual(['Pro tip', 'Body.']);
    expect(texts(':::note\nBody.\n:::\n')).toEqual(['Note', 'Body.']);
  });

  test('a pymdownx tab set reads as the page shows it: every tab\'s label, then every panel, as markdown and as HTML', () => {
    const markdown = 'Configure it:\n\n=== "docs/my_page.md"\n\n    Put the identifier here.\n\n===+ "mkdocs.yml"\n\n    ```yaml\n    plugins:\n    - search\n    ```\n\n=== "Result"\n    The page shows the class.\n\nAfter the tabs.\n';
    // As pymdownx.tabbed (alternate style) renders it, from a real MkDocs Material page.
    const html = '<article><p>Configure it:</p><div class="tabbed-set tabbed-alternate" data-tabs="1:3"><input checked id="docsmy_pagemd" name="__tabbed_1" type="radio"><input id="mkdocsyml" name="__tabbed_1" type="radio"><input id="result" name="__tabbed_1" type="radio">'
      + '<div class="tabbed-labels"><label for="docsmy_pagemd">docs/my_page.md</label><label for="mkdocsyml">mkdocs.yml</label><label for="result">Result</label></div>'
      + '<div class="tabbed-content"><div class="tabbed-block"><p>Put the identifier here.</p></div><div class="tabbed-block"><div class="language-yaml highlight"><pre><code>plugins:\n- search\n</code></pre></div></div><div class="tabbed-block"><p>The page shows the class.</p></div></div></div><p>After the tabs.</p></article>';
    const expected = ['Configure it:', 'docs/my_page.md', 'mkdocs.yml', 'Result', 'Put the identifier here.', 'plugins:', '- search', 'The page shows the class.', 'After the tabs.'];
    expect(texts(markdown)).toEqual(expected);
    expect(htmlBlocks(html, undefined).map((b) => b.text)).toEqual(expected);
  });

  test('a code block\'s title reads as the caption the page shows above it, from markdown and from the page', () => {
    const markdown = 'Create the page:\n\n```astro title="src/pages/index.astro" {2}\n---\nconst a = 1;\n---\n```\n\n```js\nplain();\n```\n';
    const expected = ['Create the page:', 'src/pages/index.astro', '---', 'const a = 1;', '---', 'plain();'];
    expect(texts(markdown)).toEqual(expected);
    const code = '<pre><code>---\nconst a = 1;\n---\n</code></pre>';
    const plain = '<pre><code>plain();\n</code></pre>';
    // Starlight (Expressive Code), Docusaurus and MkDocs Material, as each renders the title.
    for (const titled of [
      `<div class="expressive-code"><figure class="frame has-title"><figcaption class="header"><span class="title">src/pages/index.astro</span></figcaption>${code}</figure></div>`,
      `<div class="codeBlockContainer"><div class="codeBlockContent"><div class="codeBlockTitle">src/pages/index.astro</div>${code}</div></div>`,
      `<div class="language-astro highlight"><span class="filename">src/pages/index.astro</span>${code}</div>`,
    ]) expect(htmlBlocks(`<article><p>Create the page:</p>${titled}${plain}</article>`, undefined).map((b) => b.text)).toEqual(expected);
    expect(texts('```js title=\'app.js\'\nx\n```')).toEqual(['app.js', 'x']);
    expect(texts('```js subtitle="not a title"\nx\n```')).toEqual(['x']);
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

describe('docs sources as sites write them', () => {
  test('link targets, JSX in prose and MDX comments leave only what a reader sees', () => {
    const mdx = 'See [hooks](/en/hooks#command-hook-fields). Press <Kbd>Ctrl</Kbd> {/* not shown */} now.';
    expect(texts(mdx)).toEqual(['See hooks. Press Ctrl now.']);
  });

  test('a link whose target alone changed reads the same', () => {
    expect(texts('Read [the guide](/a/old#x).')).toEqual(texts('Read [the guide](/b/new#y).'));
  });

  test('a multi-line import at the top, with no front matter, makes the file MDX and is not text', () => {
    const mdx = ['import {', '  Tabs,', '  TabItem,', "} from '@theme/Tabs';", '', '# Install', '', 'Run it.'].join('\n');
    expect(texts(mdx)).toEqual(['Install', 'Run it.']);
    // Prose that starts with the word is prose.
    expect(texts('import the data\n\nthen run it.')).toEqual(['import the data', 'then run it.']);
  });

  test('what the page hides is not read from its source: hidden panes, aria-hidden, screen-reader text, buttons', () => {
    // A content switcher's other panes, as MDX writes them: the live page's reader skips [hidden].
    const mdx = [
      '# Set up a cluster',
      '',
      '<ContentSwitcher>',
      '<div data-content-switcher-pane data-value="eks" hidden>',
      '',
      '## Create an EKS cluster',
      '',
      '<div class="note">Nested **markdown** in the pane.</div>',
      '',
      'Run `eksctl create cluster`.',
      '',
      '</div>',
      '<div data-content-switcher-pane data-value="gke">',
      '',
      'Run `gcloud container clusters create`.',
      '',
      '</div>',
      '</ContentSwitcher>',
      '',
      '<Panel hidden={true}>Not shown either.</Panel>',
      '',
      'Press <kbd>Enter</kbd><span aria-hidden="true"> ⏎</span><span className="sr-only"> (the return key)</span>.',
      '',
      '<div role="tabpanel" hidden>A tab the reader has not chosen is read, as on the page.</div>',
    ].join('\n');
    expect(texts(mdx)).toEqual(['Set up a cluster', 'Run gcloud container clusters create.', 'Press Enter.', 'A tab the reader has not chosen is read, as on the page.']);
    // Plain markdown: a hidden block around markdown, nested elements of its own name, inline ones.
    const md = [
      'Before.',
      '',
      '<div hidden>',
      '<div>inner</div>',
      '',
      '## Secret heading',
      '',
      'Secret words.',
      '',
      '</div>',
      '',
      'Visible <span style="display:none">never</span>after. <button>Copy</button>',
      '',
      '<p aria-hidden="true">Icon row</p>',
      '',
      'After.',
    ].join('\n');
    expect(texts(md)).toEqual(['Before.', 'Visible after.', 'After.']);
  });

  test('markdown and the page it renders to read to the same words where the page hides parts of it', () => {
    const md = [
      '# Title',
      '',
      '<div hidden>',
      '',
      'Hidden *pane* text.',
      '',
      '</div>',
      '',
      'Shown <span aria-hidden="true">icon</span>text <span class="visually-hidden">for screen readers</span>here.',
      '',
      '<details><summary>More</summary>',
      '',
      'Collapsed but on the page.',
      '',
      '</details>',
    ].join('\n');
    const rendered = new MarkdownIt({ html: true }).render(md);
    const words = (blocks: readonly Block[]) => blocks.flatMap((block) => block.text.split(' '));
    expect(words(markdownToBlocks(md, { format: 'markdown' }))).toEqual(words(htmlBlocks(rendered, undefined)));
    expect(words(markdownToBlocks(md, { format: 'markdown' }))).toEqual(['Title', 'Shown', 'text', 'here.', 'More', 'Collapsed', 'but', 'on', 'the', 'page.']);
  });

  test('multi-line exports, scripts and styles contribute nothing', () => {
    const mdx = [
      "import { Tabs } from '@astrojs/starlight/components';",
      '',
      'export const Sample = () => {',
      '  const x = 1;',
      '',
      '  return <div>{x}</div>;',
      '};',
      '',
      '<script>{`window.track("page")`}</script>',
      '',
      '<style set:html={`.a { color: red }`} />',
      '',
      'Visible text.',
    ].join('\n');
    expect(texts(mdx)).toEqual(['Visible text.']);
  });

  test('inside components, indented text is prose (MDX has no indented code); fences keep their lines, not their info', () => {
    const mdx = ['<Steps>', '  <Step title="Install">', '', '        Run the installer.', '', '    ```bash theme={null}', '    npm i x', '    ```', '  </Step>', '</Steps>'].join('\n');
    expect(markdownToBlocks(mdx)).toEqual<Block[]>([
      { kind: 'paragraph', level: 0, text: 'Install' },
      { kind: 'paragraph', level: 0, text: 'Run the installer.' },
      { kind: 'code', level: 0, text: 'npm i x' },
    ]);
  });

  test('a code sample that starts with import does not make a page MDX; inline HTML does not flip code', () => {
    const md = ['Set `a` to {this} value.', '', '```js', "import x from 'y';", '```', '', 'Inline <span>html</span> then ```not a fence``` here.', '', '    indented code', '', 'After.'].join('\n');
    expect(texts(md)).toEqual(['Set a to {this} value.', "import x from 'y';", 'Inline html then not a fence here.', 'indented code', 'After.']);
  });

  test('a component that does not parse is read tolerantly, not dropped', () => {
    const mdx = ['import X from "x";', '', '<Card title="Broken" href={unclosed', '', 'Text after it.'].join('\n');
    expect(texts(mdx)).toContain('Text after it.');
  });

  test("Mintlify's .md export: the llms.txt preface and footer are not page text", () => {
    const exported = [
      '> ## Documentation Index',
      '> Fetch the complete documentation index at: https://docs.example.com/llms.txt',
      '> Use this file to discover all available pages before exploring further.',
      '',
      '# Overview',
      '',
      'Body.',
      '',
      '---',
      '',
      'To find navigation and other pages in this documentation, fetch the llms.txt file at: https://docs.example.com/llms.txt',
    ].join('\n');
    expect(texts(exported)).toEqual(['Overview', 'Body.']);
  });

  test('Hugo shortcodes: wrappers keep their body, labels and text arguments show, the rest is not text', () => {
    const dialect = { templates: 'hugo' as const, shortcodeLabels: { note: 'Note:' }, shortcodeTextArguments: { glossary_tooltip: 'text' } };
    const md = ['{{< note >}}', 'A {{< glossary_tooltip text="Pod" term_id="pod" >}} runs.', '{{< /note >}}', '', '{{% tab name="Linux" %}}', 'Run it.', '{{% /tab %}}', '', 'Version {{< param "version" >}}.'].join('\n');
    expect(markdownToBlocks(md, dialect).map((b) => b.text)).toEqual(['Note: A Pod runs.', 'Run it.', 'Version .']);
  });

  test('Kubernetes (real lines of content/en/docs/concepts/workloads/pods/_index.md, CC BY 4.0), read with the site rule', () => {
    const kubernetes = builtinSites.find((site) => site.id === 'kubernetes')!.markdown;
    const md = [
      'A _Pod_ (as in a pod of whales or pea pod) is a group of one or more',
      '{{< glossary_tooltip text="containers" term_id="container" >}}, with shared storage and network resources.',
      '',
      '{{< note >}}',
      'You need to install a [container runtime](/docs/setup/production-environment/container-runtimes/)',
      'into each node in the cluster so that Pods can run there.',
      '{{< /note >}}',
      '',
      'scheduled to run on a {{< glossary_tooltip term_id="node" >}} in your cluster.',
      '',
      '{{< feature-state state="stable" for_k8s_version="v1.25" >}}',
      '',
      '## {{% heading "whatsnext" %}}',
      '',
      'Use the {{</* glossary_tooltip */>}} shortcode.',
    ].join('\n');
    const read = markdownToBlocks(md, kubernetes).map((b) => b.text);
    expect(read).toEqual([
      'A Pod (as in a pod of whales or pea pod) is a group of one or more containers, with shared storage and network resources.',
      'Note: You need to install a container runtime into each node in the cluster so that Pods can run there.',
      'scheduled to run on a node in your cluster.',
      "What's next",
      'Use the {{< glossary_tooltip >}} shortcode.',
    ]);
  });

  test('Liquid: variables, conditions and includes show nothing; conditional text and raw blocks stay', () => {
    const md = ['Sign in to {% data variables.product.prodname_dotcom %}.', '', '{% ifversion fpt %}', 'Only on Free.', '{% endif %}', '', 'Use {{ site.x }} or {% raw %}{{ literal }}{% endraw %}.'].join('\n');
    expect(markdownToBlocks(md, { templates: 'liquid' }).map((b) => b.text)).toEqual(['Sign in to .', 'Only on Free.', 'Use or {{ literal }}.']);
  });

  test('MDN (a real page, files/en-us/web/api/htmlelement/click/index.md), read with the site rule', () => {
    const mdn = builtinSites.find((site) => site.id === 'mdn')!.markdown;
    const blocks = markdownToBlocks(readFileSync('tests/fixtures/markdown-sources/single/mdn-htmlelement-click.md', 'utf8'), mdn);
    const prose = blocks.filter((b) => b.kind !== 'code').map((b) => b.text);
    expect(prose).toContain("When click() is used with supported elements (such as an <input>), it fires the element's click event. This event then bubbles up to elements higher in the document tree (or event chain) and fires their click events.");
    expect(prose).toContain('None (undefined).');
    expect(prose).toEqual(expect.arrayContaining(['Element.onclick', 'Element.ondblclick', 'Element.onauxclick']));
    expect(prose.join(' ')).not.toMatch(/\{\{|APIRef|Specifications\}|Compat/);
  });

  test("Hugo as gohugo.io renders it: curly quotes and dashes, definition lists, code shortcodes as written", () => {
    const hugo = builtinSites.find((site) => site.id === 'hugo-docs')!.markdown!;
    const md = [
      "It's a \"page\" -- or more...",
      '',
      'src',
      ': The image.',
      '',
      '{{< code file="layouts/list.html" >}}',
      '<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>',
      '{{</* figure src="a.jpg" */>}}',
      '{{< /code >}}',
      '',
      '{{< code-toggle config="languages" />}}',
      '',
      'Kept after a self-closing toggle; prefixed with `{{ .LanguagePrefix }}`',
      '',
      '{{< code-toggle file="hugo" >}}',
      "title = 'converted to YAML and JSON by the shortcode'",
      '{{< /code >}}',
      '',
      'Kept after a toggle its author closed with /code.',
    ].join('\n');
    expect(markdownToBlocks(md, hugo).map((b) => b.text)).toEqual([
      'It\u2019s a \u201cpage\u201d \u2013 or more\u2026',
      'src',
      'The image.',
      'layouts/list.html',
      '<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>',
      '{{< figure src="a.jpg" >}}',
      'Kept after a self-closing toggle; prefixed with {{ .LanguagePrefix }}',
      'Kept after a toggle its author closed with /code.',
    ]);
    // Without the site's rules the same source keeps straight quotes, and the shortcode body is markdown.
    expect(markdownToBlocks("It's", { templates: 'hugo' }).map((b) => b.text)).toEqual(["It's"]);
  });

  test('Jekyll as jekyllrb.com renders it: layout headings, badges show their version, string outputs, whitespace control, kramdown attributes', () => {
    const jekyll = builtinSites.find((site) => site.id === 'jekyll-docs')!.markdown!;
    const md = [
      '---',
      'title: "Tags Filters"',
      '---',
      "Since Jekyll {% include docs_version_badge.html version=\"4.0\" %}, it's `{{ site.version }}` or {{ site.version }}.",
      '',
      '{: .note .warning}',
      'Rouge is the default highlighter; write `{{ "{{" }}` for braces.',
      '',
      '### Marking lines {%- include docs_version_badge.html version="4.4.0" -%}',
      '',
      '{% raw %}{{ kept }}{% endraw %} {% include other.html version="9" %}',
    ].join('\n');
    expect(markdownToBlocks(md, jekyll).map((b) => b.text)).toEqual([
      'Tags Filters',
      // The badge's include file ends with a line break: the page shows "4.0 ,".
      'Since Jekyll 4.0 , it\u2019s or .',
      'Rouge is the default highlighter; write {{ for braces.',
      'Marking lines4.4.0',
      '{{ kept }}',
    ]);
    // The tutorial's layout prints its own title and the step's number.
    const step = ['---', 'layout: step', 'title: Deployment', 'position: 10', '---', 'In this final step.'].join('\n');
    expect(markdownToBlocks(step, jekyll).map((b) => `${b.kind}:${b.text}`)).toEqual(['heading:Step by Step Tutorial', 'heading:10. Deployment', 'paragraph:In this final step.']);
    // No front matter, no layout.
    expect(markdownToBlocks('Plain.', jekyll).map((b) => b.text)).toEqual(['Plain.']);
  });

  test('KumaScript: cross-reference macros print their name, other macros print nothing', () => {
    const md = ['{{APIRef("DOM")}}', '', 'Call {{domxref("HTMLElement.click()")}} on a {{HTMLElement("button")}}; see {{Glossary("CORS", "cross-origin requests")}}.', '', '{{Compat}}'].join('\n');
    expect(markdownToBlocks(md, { templates: 'kumascript' }).map((b) => b.text)).toEqual(['Call HTMLElement.click() on a <button>; see cross-origin requests.']);
  });
});

describe('hostile markdown is read in linear time and bounded output', () => {
  const size = 1_000_000;
  // Hugo as gohugo.io writes it: shortcode bodies as code or hidden, typographer, definition lists.
  const hugo = builtinSites.find((site) => site.id === 'hugo-docs')!.markdown!;
  // Liquid as jekyllrb.com writes it: includes with shown arguments, front matter title, kramdown's typography.
  const liquid = builtinSites.find((site) => site.id === 'jekyll-docs')!.markdown!;
  const dialects = { hugo, liquid, kumascript: { templates: 'kumascript' } } as const;
  const names = Object.keys(dialects) as (keyof typeof dialects)[];
  // A case aimed at one dialect's rules runs with it; the others take turns (hostile-inputs.test.ts reads all with Hugo's at 5 MB).
  const aimedAt = (name: string, i: number) => (/Liquid|kramdown|front matter/.test(name) ? 'liquid' : /shortcode|quotes|definition/.test(name) ? 'hugo' : names[i % 3]!);
  test.each(Object.keys(hostileMarkdown).map((name, i) => [name, aimedAt(name, i)] as const))('%s (1 MB, markdown, and MDX with %s templates)', (name, template) => {
    const source = hostileMarkdown[name]!(size);
    for (const dialect of [{ format: 'markdown' as const }, { ...dialects[template], format: 'mdx' as const }, { ...dialects[template], format: 'markdown' as const }]) {
      const blocks = markdownToBlocks(source, dialect);
      const length = blocks.reduce((n, b) => n + b.text.length, 0);
      // A hang would meet the test's ceiling; the output never outgrows the input.
      expect(length).toBeLessThanOrEqual(source.length);
    }
  }, 120_000);
});
