import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../support/browsers';

// `npm run feed -- build …` as a user runs it: every bad input is one line on stderr, exit code 2,
// and no feed folder left behind.
const scratch = mkdtempSync(join(tmpdir(), 'docdelta-feed-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function feed(...args: string[]) {
  const run = spawnSync(process.execPath, [join(projectRoot, 'node_modules/jiti/lib/jiti-cli.mjs'), join(projectRoot, 'scripts/feed.ts'), ...args], { encoding: 'utf8', cwd: scratch });
  return { code: run.status, stderr: run.stderr.trim() };
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
  ])('%s', (_name, args, message) => {
    const { code, stderr } = feed(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'index.json'))).toBe(false);
  });

  test('the same repository with the right root builds a feed', () => {
    const { code } = feed('build', '--git', repo, '--url-template', template, '--out', out);
    expect(code).toBe(0);
    expect(existsSync(join(out, 'index.json'))).toBe(true);
  });
});
