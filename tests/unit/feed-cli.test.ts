import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../../harness/chromium';

// `npm run feed -- build …` as a user runs it: every bad input is one line on stderr, exit code 2,
// and no feed folder left behind.
const scratch = mkdtempSync(join(tmpdir(), 'docdelta-feed-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function feed(...args: string[]) {
  const run = spawnSync(process.execPath, [join(projectRoot, 'node_modules/jiti/lib/jiti-cli.mjs'), join(projectRoot, 'scripts/feed.ts'), ...args], { encoding: 'utf8', cwd: scratch });
  return { code: run.status, stderr: run.stderr.trim(), stdout: run.stdout.trim() };
}

/** A git repository whose markdown lives in docs/. */
function repoWithDocs(): string {
  const repo = join(scratch, 'repo');
  mkdirSync(join(repo, 'docs'), { recursive: true });
  writeFileSync(join(repo, 'docs/setup.md'), '# Setup\n\nInstall the client.\n');
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
  for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '-m', 'First']]) spawnSync('git', ['-C', repo, ...args], { env });
  return repo;
}

describe('the feed builder refuses bad input in one line', () => {
  const repo = repoWithDocs();
  const out = join(scratch, 'out');
  const template = 'https://docs.example.com/{path}/';

  test.each([
    ['an unknown option', ['build', '--git', repo, '--url-template', template, '--out', out, '--bogus'], /Unknown option '--bogus'/],
    ['a template without a scheme', ['build', '--git', repo, '--url-template', 'docs.example.com/{path}/', '--out', out], /absolute http\(s\) address/],
    ['a template without {path}', ['build', '--git', repo, '--url-template', 'https://docs.example.com/', '--out', out], /must contain \{path\}/],
    ['a folder that is not a git repository', ['build', '--git', scratch, '--url-template', template, '--out', out], /is not a git repository/],
    ['a --root that matches no page', ['build', '--git', repo, '--root', 'documentation', '--url-template', template, '--out', out], /no markdown pages under "documentation"/],
    ['a snapshots folder that does not exist', ['build', '--snapshots', join(scratch, 'nowhere'), '--url-template', template, '--out', out], /does not exist/],
    ['an --exclude glob that leaves the root', ['build', '--git', repo, '--exclude', '../secrets/**', '--url-template', template, '--out', out], /must be a relative glob/],
    ['an empty --root (it read the whole repository as pages)', ['build', '--git', repo, '--root', '', '--url-template', template, '--out', out], /the root is empty/],
    ['a --root that leaves the repository', ['build', '--git', repo, '--root', '../elsewhere', '--url-template', template, '--out', out], /the root "..\/elsewhere" must be a folder inside the repository/],
    ['an absolute --root', ['build', '--git', repo, '--root', '/etc', '--url-template', template, '--out', out], /the root "\/etc" must be a folder inside the repository/],
    ['an --exclude that leaves no page', ['build', '--git', repo, '--exclude', '**', '--url-template', template, '--out', out], /no markdown pages under "docs"/],
  ])('%s', (_name, args, message) => {
    const { code, stderr } = feed(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'index.json'))).toBe(false);
  });

  test('a version whose file the repository lacks is left out with a warning naming it; the rest is built', () => {
    const partial = join(scratch, 'partial');
    mkdirSync(join(partial, 'docs'), { recursive: true });
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
    const git = (...args: string[]) => spawnSync('git', ['-C', partial, ...args], { env, encoding: 'utf8' }).stdout.trim();
    git('init', '-q');
    writeFileSync(join(partial, 'docs/setup.md'), '# Setup\n\nInstall the client.\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'First');
    const first = git('rev-parse', 'HEAD');
    const lost = git('rev-parse', 'HEAD:docs/setup.md');
    writeFileSync(join(partial, 'docs/setup.md'), '# Setup\n\nInstall the client, then sign in.\n');
    git('commit', '-q', '-am', 'Second');
    // As a partial clone would be: the first version's content is not in the repository.
    rmSync(join(partial, '.git/objects', lost.slice(0, 2), lost.slice(2)));
    const built = join(scratch, 'partial-out');
    const { code, stderr, stdout } = feed('build', '--git', partial, '--url-template', template, '--out', built);
    expect(code).toBe(0);
    expect(stderr).toContain(`feed: warning: docs/setup.md at ${first.slice(0, 12)}: the repository does not have this file's content`);
    // The version the repository has is in the feed.
    expect(stdout).toMatch(/^feed: 1 new versions of 1 pages/);
    expect(readFileSync(join(built, 'index.json'), 'utf8')).toContain('"docdelta-feed"');
  });

  test('the same repository with the right root builds a feed', () => {
    const { code } = feed('build', '--git', repo, '--url-template', template, '--out', out);
    expect(code).toBe(0);
    expect(existsSync(join(out, 'index.json'))).toBe(true);
  });
});

describe('one feed from several roots', () => {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
  const repo = join(scratch, 'sections');
  const commit = (message: string) => {
    spawnSync('git', ['-C', repo, 'add', '-A'], { env });
    spawnSync('git', ['-C', repo, 'commit', '-q', '-m', message], { env });
  };
  mkdirSync(join(repo, 'docs/en'), { recursive: true });
  mkdirSync(join(repo, 'api'), { recursive: true });
  spawnSync('git', ['-C', repo, 'init', '-q'], { env });
  writeFileSync(join(repo, 'docs/en/setup.md'), '# Setup\n\nInstall the client.\n');
  writeFileSync(join(repo, 'api/messages.md'), '# Messages\n\nSend a message.\n');
  commit('First');

  test('a second root of the same repository, built into the same folder, adds its pages', () => {
    const out = join(scratch, 'two-runs');
    expect(feed('build', '--git', repo, '--root', 'docs/en', '--url-template', 'https://docs.example.com/docs/en/{path}', '--out', out).code).toBe(0);
    const second = spawnSync(process.execPath, [join(projectRoot, 'node_modules/jiti/lib/jiti-cli.mjs'), join(projectRoot, 'scripts/feed.ts'), 'build', '--git', repo, '--root', 'api', '--url-template', 'https://docs.example.com/api/{path}', '--out', out], { encoding: 'utf8' });
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^feed: 1 new versions of 1 pages \(2 pages in all\)/);
  });

  test('--config: both roots with their own URL templates in one feed; a re-run adds exactly the new commit', () => {
    const out = join(scratch, 'config-out');
    const config = join(scratch, 'feed.json');
    writeFileSync(config, JSON.stringify({
      title: 'Example docs',
      sources: [
        { git: 'sections', root: 'docs/en', urlTemplate: 'https://docs.example.com/docs/en/{path}' },
        { git: 'sections', root: 'api', urlTemplate: 'https://docs.example.com/api/{path}' },
      ],
    }));
    const run = () => spawnSync(process.execPath, [join(projectRoot, 'node_modules/jiti/lib/jiti-cli.mjs'), join(projectRoot, 'scripts/feed.ts'), 'build', '--config', config, '--out', out], { encoding: 'utf8' });
    expect(run().stdout).toMatch(/^feed: 2 new versions of 2 pages \(2 pages in all\)/);
    expect(run().stdout).toMatch(/^feed: 0 new versions/);
    writeFileSync(join(repo, 'api/messages.md'), '# Messages\n\nSend a message, or stream one.\n');
    commit('Streaming');
    expect(run().stdout).toMatch(/^feed: 1 new versions of 1 pages \(2 pages in all\)/);
  });

  test.each([
    ['not JSON', '{ sources: ', /is not JSON/],
    ['an unknown key', JSON.stringify({ sources: [{ git: 'sections', root: 'api', urlTemplate: 'https://docs.example.com/{path}', branch: 'main' }] }), /feed-bad\.json: sources\.0/],
    ['no sources', JSON.stringify({ sources: [] }), /must list at least one source/],
    ['a template without a scheme', JSON.stringify({ sources: [{ git: 'sections', urlTemplate: 'docs.example.com/{path}' }] }), /urlTemplate must be an absolute http\(s\) address/],
  ])('a config with %s is refused in one line', (_name, text, message) => {
    const config = join(scratch, 'feed-bad.json');
    writeFileSync(config, text);
    const { code, stderr } = feed('build', '--config', config, '--out', join(scratch, 'bad-out'));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(existsSync(join(scratch, 'bad-out', 'index.json'))).toBe(false);
  });
});

describe('which files are pages', () => {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
  const repo = join(scratch, 'globs');
  mkdirSync(join(repo, 'docs/snippets'), { recursive: true });
  mkdirSync(join(repo, 'docs/es'), { recursive: true });
  spawnSync('git', ['-C', repo, 'init', '-q'], { env });
  writeFileSync(join(repo, 'docs/setup.mdx'), '# Setup\n\nInstall the client.\n');
  writeFileSync(join(repo, 'docs/snippets/warning.mdx'), 'A snippet included by pages.\n');
  writeFileSync(join(repo, 'docs/es/setup.mdx'), '# Instalación\n');
  writeFileSync(join(repo, 'docs/llms-full.txt'), 'not a page\n');
  spawnSync('git', ['-C', repo, 'add', '-A'], { env });
  spawnSync('git', ['-C', repo, 'commit', '-q', '-m', 'First'], { env });

  test('--exclude leaves snippets and translations out; other files are never pages', () => {
    const out = join(scratch, 'globs-out');
    const run = spawnSync(
      process.execPath,
      [join(projectRoot, 'node_modules/jiti/lib/jiti-cli.mjs'), join(projectRoot, 'scripts/feed.ts'), 'build', '--git', repo, '--exclude', 'snippets/**', '--exclude', 'es/**', '--url-template', 'https://docs.example.com/{path}', '--out', out],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^feed: 1 new versions of 1 pages \(1 pages in all\)/);
  });
});

describe('a Jekyll site with --jekyll-site', () => {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
  const repo = join(scratch, 'jekyll');
  const commit = (message: string) => {
    spawnSync('git', ['-C', repo, 'add', '-A'], { env });
    spawnSync('git', ['-C', repo, 'commit', '-q', '-m', message], { env });
  };

  test('a release that only changes _config.yml is a new version of the page that prints it, on a re-run', () => {
    mkdirSync(join(repo, 'docs/_docs'), { recursive: true });
    spawnSync('git', ['-C', repo, 'init', '-q'], { env });
    writeFileSync(join(repo, 'docs/_config.yml'), 'version: 4.3.3\n');
    writeFileSync(join(repo, 'docs/_docs/install.md'), '# Install\n\nThis is Jekyll {{ site.version }}.\n');
    commit('Docs');
    const out = join(scratch, 'jekyll-feed');
    const args = ['build', '--git', repo, '--root', 'docs', '--jekyll-site', '--url-template', 'https://jekyllrb.com/{path}/', '--out', out];
    const run = () => spawnSync(process.execPath, [join(projectRoot, 'node_modules/jiti/lib/jiti-cli.mjs'), join(projectRoot, 'scripts/feed.ts'), ...args], { encoding: 'utf8' });
    expect(run().stdout).toMatch(/^feed: 1 new versions of 1 pages/);
    writeFileSync(join(repo, 'docs/_config.yml'), 'version: 4.3.4\n');
    commit('Release 4.3.4');
    expect(run().stdout).toMatch(/^feed: 1 new versions of 1 pages \(1 pages in all\)/);
    expect(run().stdout).toMatch(/^feed: 0 new versions/);
  });
});

describe('the builder reads only plain files inside the folders it was given', () => {
  const template = 'https://docs.example.com/{path}/';
  const secret = join(scratch, 'outside-secret');
  writeFileSync(secret, 'ssh-ed25519 AAAA secret-key-material\n');
  mkdirSync(join(scratch, 'outside-folder'), { recursive: true });
  writeFileSync(join(scratch, 'outside-folder/20240101T000000Z.md'), '# Private\n\nNot for the feed.\n');

  /** A snapshots folder with one good page and, when asked, one hostile entry. */
  const snapshots = (name: string, hostile?: (folder: string) => void) => {
    const folder = join(scratch, name);
    mkdirSync(join(folder, 'setup'), { recursive: true });
    writeFileSync(join(folder, 'setup/20240101T000000Z.md'), '# Setup\n\nInstall the client.\n');
    hostile?.(folder);
    return folder;
  };
  // A FIFO would hang a build that opened it: the run is given a ceiling it must not reach.
  const build = (...args: string[]) => {
    const run = spawnSync(process.execPath, [join(projectRoot, 'node_modules/jiti/lib/jiti-cli.mjs'), join(projectRoot, 'scripts/feed.ts'), 'build', ...args], { encoding: 'utf8', cwd: scratch, timeout: 60_000 });
    return { code: run.status, stderr: run.stderr.trim(), stdout: run.stdout.trim() };
  };

  test.each([
    ['a snapshot that is a symbolic link to a file outside', 'snap-link-file', (folder: string) => symlinkSync(secret, join(folder, 'setup/20240201T000000Z.md')), /setup\/20240201T000000Z\.md is a symbolic link/],
    ['a page folder that is a symbolic link to a folder outside', 'snap-link-folder', (folder: string) => symlinkSync(join(scratch, 'outside-folder'), join(folder, 'private')), /private is a symbolic link, not a folder/],
    ['a snapshot that is a named pipe', 'snap-fifo', (folder: string) => execFileSync('mkfifo', [join(folder, 'setup/20240301T000000Z.md')]), /setup\/20240301T000000Z\.md is a named pipe/],
  ])('%s is refused in one line, naming it, and nothing is written', (_name, name, hostile, message) => {
    const out = join(scratch, `${name}-out`);
    const { code, stderr } = build('--snapshots', snapshots(name, hostile), '--url-template', template, '--out', out);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(existsSync(join(out, 'index.json'))).toBe(false);
  });

  test('a snapshots folder that is itself a symbolic link is refused', () => {
    const link = join(scratch, 'snap-root-link');
    symlinkSync(snapshots('snap-root-real'), link);
    const { code, stderr } = build('--snapshots', link, '--url-template', template, '--out', join(scratch, 'snap-root-out'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/snap-root-link is a symbolic link, not a folder/);
  });

  test.each([
    ['snapshots', { snapshots: '../../outside', urlTemplate: template }],
    ['git', { git: '../elsewhere', urlTemplate: template }],
  ])('a config whose %s folder leaves the config\'s folder is refused', (_key, source) => {
    const folder = join(scratch, 'configs');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'feed.json'), JSON.stringify({ sources: [source] }));
    const { code, stderr } = build('--config', join(folder, 'feed.json'), '--out', join(scratch, 'escaping-config-out'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/must be a folder inside the config's folder/);
    expect(existsSync(join(scratch, 'escaping-config-out', 'index.json'))).toBe(false);
  });

  test('a page larger than a feed version may be is left out with a warning naming it, from git and from snapshots; the rest is built', () => {
    const huge = `# Huge\n\n${'All work and no play. '.repeat(300_000)}\n`;
    const repo = join(scratch, 'huge-repo');
    mkdirSync(join(repo, 'docs'), { recursive: true });
    writeFileSync(join(repo, 'docs/setup.md'), '# Setup\n\nInstall the client.\n');
    writeFileSync(join(repo, 'docs/huge.md'), huge);
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
    for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '-m', 'First']]) spawnSync('git', ['-C', repo, ...args], { env });
    const fromGit = build('--git', repo, '--url-template', template, '--out', join(scratch, 'huge-git-out'));
    expect(fromGit.code).toBe(0);
    expect(fromGit.stderr).toMatch(/feed: warning: docs\/huge\.md at [0-9a-f]{12}: 6\.6 MB, more than a feed version may hold/);
    expect(fromGit.stdout).toMatch(/^feed: 1 new versions of 1 pages/);

    const folder = snapshots('snap-huge', (f) => writeFileSync(join(f, 'setup/20240201T000000Z.md'), huge));
    const fromSnapshots = build('--snapshots', folder, '--url-template', template, '--out', join(scratch, 'huge-snap-out'));
    expect(fromSnapshots.code).toBe(0);
    expect(fromSnapshots.stderr).toMatch(/feed: warning: .*setup\/20240201T000000Z\.md is 6\.6 MB, more than a feed version may hold/);
    expect(fromSnapshots.stdout).toMatch(/^feed: 1 new versions of 1 pages/);
  });

  test('a feed folder whose version list leads back to itself is refused as damaged, not read forever', () => {
    const out = join(scratch, 'cycle-out');
    expect(build('--snapshots', snapshots('snap-cycle'), '--url-template', template, '--out', out).code).toBe(0);
    const versions = join(out, 'versions');
    const list = join(versions, readdirSync(versions)[0]!, '0.json');
    writeFileSync(list, JSON.stringify({ ...JSON.parse(readFileSync(list, 'utf8')), older: '0.json' }));
    const { code, stderr } = build('--snapshots', snapshots('snap-cycle'), '--url-template', template, '--out', out);
    expect(code).toBe(2);
    expect(stderr).toMatch(/is damaged: the version lists of docs\.example\.com\/setup lead back to versions\/[0-9a-f]+\/0\.json/);
  });
});
