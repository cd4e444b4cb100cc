/**
 * `npm run feed -- build …`: builds or updates a DocDelta feed folder.
 * See `npm run feed -- --help` and docs/feed-format.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { buildFeed } from '../cli/feed/build-feed';
import { checkSources, parseFeedConfig, stateAfter, versionsOf, type BuildState, type SourceSpec } from '../cli/feed/feed-sources';

const HELP = `Usage: npm run feed -- build [options]

Builds (or updates) a static DocDelta feed folder that any static host can serve.

Sources (one of):
  --snapshots DIR        a folder of dated snapshots: DIR/<page>/<YYYYMMDDTHHMMSSZ>[_x].<md|html|txt>,
                         where <page> is the page's path with "__" for "/"
  --git REPO             a git repository of markdown docs: every commit that changed
                         a page (.md, .mdx, .markdown), merged side branches included,
                         is a version dated by the commit; renames are followed
  --root DIR             with --git: the docs folder inside the repository (default: docs)
  --include GLOB         with --git: markdown files under --root that are pages (repeatable;
                         default: **/*.md, **/*.mdx and **/*.markdown)
  --exclude GLOB         with --git: files under --root that are not pages, e.g. "snippets/**"
                         (repeatable)
  --lowercase-paths      with --git: the site lowercases page paths, as Hugo does by default
                         ("functions/Group.md" → "functions/group")
  --jekyll-site          with --git: --root is a Jekyll site; {{ site.* }} outputs are written
                         with their values from _config.yml and _data/ at each commit, and a
                         commit that changes those is a version of each page it changes
  --config FILE          several sources in one feed, each with its own URL template:
                         {"title": "…", "sources": [{"git": "../repo", "root": "docs/en",
                         "urlTemplate": "https://docs.example.com/en/{path}",
                         "exclude": ["snippets/**"], "lowercasePaths": false,
                         "jekyllSite": false},
                         {"snapshots": "snaps", "urlTemplate": "…"}]} (paths relative to FILE)

Required:
  --url-template URL     the page URL for a path, e.g. "https://docs.example.com/{path}/"
                         (not with --config)
  --out DIR              the feed folder to write or update

Optional:
  --title TEXT           the feed's title (default: the site's host)
  -h, --help             this help

Re-running adds only new versions (with --git, only commits since the last build
of that repository and root). Bad input is one line on stderr and exit code 2.`;

/** Every bad input ends here: one line saying what is wrong, exit code 2, nothing written. */
function fail(message: string): never {
  console.error(`feed: ${message} (npm run feed -- --help for usage)`);
  process.exit(2);
}

const { values, positionals } = parseArgsOrFail({
  allowPositionals: true,
  options: {
    snapshots: { type: 'string' },
    git: { type: 'string' },
    root: { type: 'string', default: 'docs' },
    include: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    'lowercase-paths': { type: 'boolean' },
    'jekyll-site': { type: 'boolean' },
    'url-template': { type: 'string' },
    config: { type: 'string' },
    out: { type: 'string' },
    title: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help || positionals.length === 0) {
  console.log(HELP);
  process.exit(values.help ? 0 : 1);
}
if (positionals[0] !== 'build') fail(`unknown command "${positionals[0]}"`);
if (!values.out) fail('--out is required');
const given = [values.snapshots, values.git, values.config].filter(Boolean).length;
if (given !== 1) fail('give exactly one of --snapshots, --git or --config');

try {
  const config = values.config ? parseFeedConfig(readText(values.config), values.config) : null;
  if (!config && !values['url-template']) fail('--url-template is required');
  const sources: SourceSpec[] = config?.sources ?? [
    values.git
      ? { git: resolve(values.git), root: values.root ?? 'docs', urlTemplate: values['url-template']!, include: values.include, exclude: values.exclude, lowercasePaths: values['lowercase-paths'], jekyllSite: values['jekyll-site'] }
      : { snapshots: resolve(values.snapshots!), urlTemplate: values['url-template']! },
  ];
  checkSources(sources);

  const out = resolve(values.out);
  const statePath = join(out, '.docdelta-feed-build.json');
  // An older state file ({ gitHead }) names no root: the build starts over, and only new versions are added.
  const state = existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as BuildState) : {};
  const started = Date.now();
  const title = values.title ?? config?.title ?? new URL(sources[0]!.urlTemplate.replace('{path}', '')).host;
  const warn = (message: string) => process.stderr.write(`\nfeed: warning: ${message}\n`);
  const report = await buildFeed(versionsOf(sources, state, warn), {
    out,
    title,
    onWarning: warn,
    onProgress: (read, added) => {
      const seconds = (Date.now() - started) / 1000;
      process.stderr.write(`\r${read} versions read, ${added} added (${(read / Math.max(seconds, 0.001)).toFixed(0)} versions/s)   `);
    },
  });
  writeFileSync(statePath, JSON.stringify(stateAfter(sources, state)) + '\n');
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write('\n');
  console.log(
    `feed: ${report.added} new versions of ${report.changedPages} pages (${report.pages} pages in all) in ${seconds.toFixed(1)} s; ` +
      `${(report.bytes / 1e6).toFixed(1)} MB in ${out}`,
  );
} catch (error) {
  fail(error instanceof Error ? error.message.split('\n')[0]! : String(error));
}

function readText(file: string): string {
  if (!existsSync(file)) fail(`${file} does not exist`);
  return readFileSync(file, 'utf8');
}

/** node's parseArgs, with an unknown or malformed option as a one-line error. */
function parseArgsOrFail<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    return fail(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
}
