/**
 * `npm run feed -- build …`: builds or updates a DocDelta feed folder.
 * See `npm run feed -- --help` and docs/feed-format.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { buildFeed } from '../cli/feed/build-feed';
import { gitVersions, headCommit } from '../cli/feed/git-source';
import { snapshotVersions } from '../cli/feed/snapshot-source';

const HELP = `Usage: npm run feed -- build [options]

Builds (or updates) a static DocDelta feed folder that any static host can serve.

Sources (one of):
  --snapshots DIR        a folder of dated snapshots: DIR/<page>/<YYYYMMDDTHHMMSSZ>[_x].<md|html|txt>,
                         where <page> is the page's path with "__" for "/"
  --git REPO             a git repository of markdown docs: every commit that changed
                         a page (.md, .mdx, .markdown), merged side branches included,
                         is a version dated by the commit; renames are followed
  --root DIR             with --git: the docs folder inside the repository (default: docs)

Required:
  --url-template URL     the page URL for a path, e.g. "https://docs.example.com/{path}/"
  --out DIR              the feed folder to write or update

Optional:
  --title TEXT           the feed's title (default: the site's host)
  -h, --help             this help

Re-running adds only new versions (with --git, only commits since the last build).`;

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
    'url-template': { type: 'string' },
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
if (!values['url-template']) fail('--url-template is required');
if (!values.snapshots === !values.git) fail('give exactly one of --snapshots or --git');
const template = values['url-template'];
if (!template.includes('{path}')) fail('--url-template must contain {path}');
if (!/^https?:\/\/[^/{}]+/i.test(template) || !URL.canParse(template.replace('{path}', 'page'))) {
  fail(`--url-template must be an absolute http(s) address such as https://docs.example.com/{path}/, not "${template}"`);
}

if (values.git && spawnSync('git', ['-C', values.git, 'rev-parse', '--git-dir'], { stdio: 'ignore' }).status !== 0) fail(`${values.git} is not a git repository`);
if (values.snapshots && !existsSync(values.snapshots)) fail(`${values.snapshots} does not exist`);

const out = resolve(values.out);
const statePath = join(out, '.docdelta-feed-build.json');
const state = existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as { gitHead?: string }) : {};
const started = Date.now();
const title = values.title ?? new URL(template.replace('{path}', '')).host;

try {
  const source = values.git
    ? gitVersions({ repo: resolve(values.git), root: values.root ?? 'docs', urlTemplate: template, since: state.gitHead })
    : snapshotVersions(resolve(values.snapshots!), template);
  const report = await buildFeed(source, {
    out,
    title,
    onProgress: (read, added) => {
      const seconds = (Date.now() - started) / 1000;
      process.stderr.write(`\r${read} versions read, ${added} added (${(read / Math.max(seconds, 0.001)).toFixed(0)} versions/s)   `);
    },
  });
  if (values.git) writeFileSync(statePath, JSON.stringify({ gitHead: headCommit(resolve(values.git)) }) + '\n');
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write('\n');
  console.log(
    `feed: ${report.added} new versions of ${report.changedPages} pages (${report.pages} pages in all) in ${seconds.toFixed(1)} s; ` +
      `${(report.bytes / 1e6).toFixed(1)} MB in ${out}`,
  );
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

/** node's parseArgs, with an unknown or malformed option as a one-line error. */
function parseArgsOrFail<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    return fail(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
}
