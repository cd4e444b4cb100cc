/**
 * Markdown written to make a parser slow: deep nesting, very long lines,
 * delimiter runs that never match, unclosed fences, JSX, expressions and
 * templates. Each case is built to `size` characters; the unit test reads
 * each at 1 MB and the bench reports the slowest in MB/s.
 */
export const hostileMarkdown: Record<string, (size: number) => string> = {
  'emphasis closers': (n) => fill('*a**', n),
  'underscore runs': (n) => fill('_a__', n),
  'open brackets': (n) => fill('[', n),
  'link openers': (n) => fill('[a](', n),
  'nested brackets': (n) => fill('[', n / 2) + fill(']', n / 2),
  'code span backticks': (n) => fill('`a``', n),
  'block quote depth': (n) => fill('>', n),
  'quote and list nesting': (n) => fill('> - ', n),
  'list nesting': (n) => lines(n, (i) => ' '.repeat((i % 400) * 2) + '- x'),
  '100,000-character lines': (n) => lines(n, () => fill('word ', 100_000)),
  'admonition spaces': (n) => lines(n, () => '!!! note' + ' '.repeat(4000) + 'x'),
  'unclosed comments': (n) => fill('<!--', n),
  'unclosed script': (n) => fill('<script>', n),
  'many <': (n) => fill('< ', n) + '>',
  'unclosed fence': (n) => '```\n' + fill('a\n', n),
  'fence openers': (n) => fill('```\n~~~\n', n),
  'unclosed JSX tags': (n) => fill('<A b="c" ', n),
  'JSX opening lines': (n) => fill('<A>\n\n', n),
  'JSX attribute expressions': (n) => lines(n, (i) => (i % 2 ? '}' : '<A b={')),
  'nested expressions between blank lines': (n) => fill('{\n\n', n / 2) + fill('} ;\n\n', n / 2),
  'open braces': (n) => fill('{', n),
  'MDX comment openers': (n) => fill('{/*', n),
  'ESM without end': (n) => 'import {' + fill('a,\n', n),
  'unclosed code shortcodes': (n) => fill('{{< code >}}\n', n),
  'code shortcodes around nested openers': (n) => fill('{{< highlight >}}{{< a >}}{{% b %}}', n / 2) + fill('{{< /a >}}', n / 2),
  'self-closing and mismatched shortcodes': (n) => fill('{{< code-toggle />}}{{< code-toggle >}}x{{< /code >}}', n),
  'quotes and dashes': (n) => fill('"a \'b -- c --- ... << >> "', n),
  'unbalanced quotes': (n) => fill('"\'', n),
  'definition list markers': (n) => lines(n, (i) => (i % 2 ? ': definition' : 'term')),
  'Liquid includes without end': (n) => fill('{% include docs_version_badge.html version="', n),
  'kramdown attribute openers': (n) => lines(n, () => '{: .a {: #b'),
  'front matter title without end': (n) => '---\n' + fill('title: x\n', n),
  'front matter fields for a layout': (n) => '---\nlayout: step\n' + fill('position: {title}\n', n - 20) + '---\n',
  'Liquid whitespace control': (n) => fill('{%- a -%} \n \t', n),
  'Liquid string outputs': (n) => fill('{{ "{{" }}{{ \'', n),
  'colon containers': (n) => fill(':::a\n', n),
  'table columns': (n) => '|' + fill('a|', n / 2) + '\n|' + fill('-|', n / 2),
  'table rows': (n) => '|a|b|\n|-|-|\n' + fill('|x|y|\n', n),
  'reference definitions': (n) => fill('[a]: b\n', n),
  'entities': (n) => fill('&#', n),
  'Hugo shortcode openers': (n) => fill('{{< ', n),
  'long shortcode': (n) => '{{< ' + fill('a', n) + ' >}}',
  'Liquid tag openers': (n) => fill('{% ', n),
  'KumaScript macro args': (n) => '{{domxref(' + fill('"a",', n) + ')}}',
  'front matter without end': (n) => '---\n' + fill('a: b\n', n),
};

function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, Math.max(0, Math.floor(size)));
}

function lines(size: number, line: (i: number) => string): string {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const next = line(i);
    out.push(next);
    length += next.length + 1;
  }
  return out.join('\n').slice(0, size);
}
