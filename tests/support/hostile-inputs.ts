import { parseBackup } from '../../lib/backup/import-backup';
import { htmlBlocks } from '../../lib/published/html-blocks';
import { parseVersionList } from '../../lib/feed/parse-feed-file';
import { markdownToBlocks } from '../../lib/markdown/markdown-blocks';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { globMatches, patternFromInput, patternMatches } from '../../lib/sites/custom-sites';
import { hostileMarkdown } from './hostile-markdown';

/** The richest markdown dialect in the site table (gohugo.io: shortcode bodies, typographer, definition lists). */
const hugoDocs = builtinSites.find((site) => site.id === 'hugo-docs')!.markdown!;

/**
 * Text made to be slow, for every place DocDelta reads text it did not write:
 * a feed's markdown, HTML and JSON, an import file, a custom-site pattern and
 * the page paths it is matched against. Each case is built to `size`
 * characters. The unit test reads every case at the largest size and checks
 * it finishes with a result or a plain error; the bench reports time per MB
 * and how it grows with size (linear time keeps it flat).
 */
export interface HostileSurface {
  cases: Record<string, (size: number) => string>;
  /** Reads the input as DocDelta would; throws what DocDelta would throw. */
  read: (input: string) => unknown;
}

const FEED = 'https://feeds.example.org/docs/versions/a.json';

export const hostileSurfaces: Record<string, HostileSurface> = {
  'feed markdown': {
    cases: hostileMarkdown,
    read: (input) => [markdownToBlocks(input, { format: 'markdown' }), markdownToBlocks(input, { ...hugoDocs, format: 'mdx' }), markdownToBlocks(input, { ...hugoDocs, format: 'markdown' })],
  },
  'feed HTML': {
    cases: {
      'nested divs': (n) => fill('<div>', n),
      'nested lists': (n) => fill('<ul><li>', n),
      'nested tables': (n) => fill('<table><tr><td>', n),
      'at the depth limit, then stray closers': (n) => '<div>'.repeat(500) + fill('</span>', n - 2500),
      'unclosed comments': (n) => fill('<!--', n),
      'many <': (n) => fill('< a', n),
      'one long attribute': (n) => '<p title="' + fill('a', n) + '">x</p>',
      'many attributes': (n) => '<p ' + fill('a=b ', n) + '>x</p>',
      'entity runs': (n) => '<p>' + fill('&amp;', n) + '</p>',
      'unclosed script': (n) => '<script>' + fill('<p>a', n),
      'paragraphs': (n) => '<main>' + fill('<p>a b c</p>', n) + '</main>',
    },
    read: (input) => htmlBlocks(input, undefined),
  },
  'feed JSON': {
    cases: {
      'nested arrays': (n) => fill('[', n),
      'nested objects': (n) => fill('{"a":', n),
      'one long string': (n) => `{"page":"${fill('a', n)}"}`,
      'escapes': (n) => `{"page":"${fill('\\u0000', n - (n % 6))}"}`,
      'many versions': (n) => versionList(n, (i) => `"url":"v/${i}.md"`),
      'delta chains': (n) => versionList(n, (i) => (i === 0 ? '"url":"v/0.md"' : `"delta":{"from":"v${i - 1}","url":"d/${i}.json","bytes":1}`)),
      'many keys': (n) => '{' + Array.from({ length: Math.max(1, Math.floor(n / 12)) }, (_, i) => `"k${i}":1`).join(',') + '}',
    },
    read: (input) => parseVersionList(input, FEED),
  },
  'import file': {
    cases: {
      'nested arrays': (n) => fill('[', n),
      'one long title': (n) => backup([{ title: fill('a', n) }]),
      'many pages': (n) => backup(new Array(Math.max(1, Math.floor(n / 200))).fill({})),
      'one block named often': (n) => backup([{ blocks: [['paragraph', 0, fill('a', 10_000)]], versions: [{ capturedAt: 1, source: 'visit', blocks: new Array(Math.floor(n / 2)).fill(0) }] }]),
      'forbidden key after a long value': (n) => `{"pad":"${fill('a', n)}","a":{"b":{"__proto__":{"polluted":1}}}}`,
    },
    read: (input) => parseBackup(input),
  },
  'site pattern': {
    cases: {
      'path with many near-misses': (n) => fill('a', n),
      'typed pattern': (n) => 'https://docs.example.org/' + fill('*a', n),
      'typed host': (n) => 'https://' + fill('a.', n) + '/*',
    },
    read: (input) => {
      // A page controls its path; the reader types the pattern (limited in length).
      const path = `/${input}`;
      const matched = [globMatches('/*a*a*a*b', path), patternMatches('https://docs.example.org/*a*a*a*b', new URL(`https://docs.example.org${path}`))];
      try {
        patternFromInput(input.startsWith('https://') ? input : `https://docs.example.org/${input}`);
      } catch {
        // Refused in plain words: what a reader who typed it sees.
      }
      return matched;
    },
  },
};

/** A feed's version list of about `size` characters, each entry's content given by `content`. */
function versionList(size: number, content: (i: number) => string): string {
  const entries: string[] = [];
  for (let i = 0, length = 0; length < size; i++) {
    const entry = `{"id":"v${i}","time":"2026-01-01T00:00:00Z","type":"markdown","sha256":"${'0'.repeat(64)}","bytes":1,${content(i)}}`;
    entries.push(entry);
    length += entry.length + 1;
  }
  return `{"format":"docdelta-feed-versions","version":1,"page":"docs.example.org/a","versions":[${entries.join(',')}],"older":null}`;
}

/** An export file with one page per entry of `pages`, each field overridable. */
function backup(pages: Array<Record<string, unknown>>): string {
  const page = (overrides: Record<string, unknown>, i: number) => ({
    key: `docs.example.org/p${i}`,
    url: `https://docs.example.org/p${i}`,
    title: 'Page',
    siteId: 'custom:https://docs.example.org/*',
    blocks: [['paragraph', 0, 'Some text.']],
    versions: [{ capturedAt: 1, source: 'visit', blocks: [0] }],
    views: [],
    ...overrides,
  });
  return JSON.stringify({ format: 'docdelta-backup', version: 1, exportedAt: 1, pages: pages.map(page), feeds: [], settings: [] });
}

function fill(unit: string, size: number): string {
  return unit.repeat(Math.max(0, Math.ceil(size / unit.length))).slice(0, Math.max(0, Math.floor(size)));
}
