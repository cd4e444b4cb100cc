import { describe, expect, test } from 'vitest';
import { expandSiteVariables, loadJekyllSite } from '../../cli/feed/jekyll-site';

const siteOf = (files: Record<string, string>) =>
  loadJekyllSite({ read: (path) => files[path] ?? null, dataFiles: () => Object.keys(files).filter((path) => path.startsWith('_data/')) });

describe("the feed builder's Jekyll site variables", () => {
  test('config keys and data files (nested folders, YAML and JSON) print as Jekyll prints them', () => {
    const site = siteOf({
      '_config.yml': 'version: 4.0\ntitle: Jekyll • Simple, blog-aware, static sites\nrepository: https://github.com/jekyll/jekyll\n',
      '_data/ruby.yml': 'current_version: 3.3.5\nmin_version: 2.7.0\n',
      '_data/team/core.json': '{"lead": "Parker"}',
      '_data/notes.txt': 'not data',
    });
    const md = 'Jekyll {{ site.version }} ({{site.repository}}) needs Ruby {{- site.data.ruby.min_version -}}+; lead: {{ site.data.team.core.lead }}.';
    // `4.0` stays `4.0` (a YAML float would print `4`); unknown, filtered and non-site outputs stay for the reader's Liquid rule.
    expect(expandSiteVariables(md, site)).toBe('Jekyll 4.0 (https://github.com/jekyll/jekyll) needs Ruby 2.7.0+; lead: Parker.');
    expect(expandSiteVariables('{{ site.nothing }} {{ site.version | append: "x" }} {{ page.title }} {{ site.data.ruby }}', site)).toBe(
      '{{ site.nothing }} {{ site.version | append: "x" }} {{ page.title }} {{ site.data.ruby }}',
    );
    expect(expandSiteVariables('{% raw %}{{ site.version }}{% endraw %} {{ site.version }}', site)).toBe('{% raw %}{{ site.version }}{% endraw %} 4.0');
  });

  test('a config or data file that does not parse prints nothing and stops nothing', () => {
    const site = siteOf({ '_config.yml': 'version: [unclosed\n', '_data/ruby.yml': 'current_version: 3.3.5\n' });
    expect(expandSiteVariables('{{ site.version }} {{ site.data.ruby.current_version }}', site)).toBe('{{ site.version }} 3.3.5');
    expect(expandSiteVariables('{{ site.x }}', siteOf({}))).toBe('{{ site.x }}');
    // Names that are JavaScript's own are only names.
    const odd = siteOf({ '_data/__proto__/polluted.yml': 'a: b\n', '_data/constructor.yml': 'name: c\n' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(expandSiteVariables('{{ site.data.constructor.name }} {{ site.toString }} {{ site.data.__proto__.polluted.a }}', odd)).toBe('c {{ site.toString }} b');
  });

  test('hostile pages and data are read in one pass with bounded output', () => {
    // Aliases share one value instead of copying it, so a "billion laughs" file stays small.
    const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${'bcdefghij'[i]}: &${'bcdefghij'[i]} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
    const site = siteOf({ '_config.yml': `version: 1\n${laughs}\n`, '_data/x.yml': 'y: z\n' });
    const size = 1_000_000;
    for (const page of ['{{ site.'.repeat(size / 8), '{% raw %}{{'.repeat(size / 11), '{{ site.version }}'.repeat(size / 18), `{{ site.${'a.'.repeat(size / 2)}x }}`]) {
      expect(expandSiteVariables(page, site).length).toBeLessThanOrEqual(page.length);
    }
  }, 120_000);
});
