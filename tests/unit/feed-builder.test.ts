import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildFeed } from '../../cli/feed/build-feed';
import { gitVersions, pagePath } from '../../cli/feed/git-source';
import { snapshotVersions } from '../../cli/feed/snapshot-source';
import { corpusDir, loadCorpus } from '../support/corpus';
import { readFeedFolder } from '../support/feed-folder';

const TEMPLATE = 'https://www.django-rest-framework.org/{path}/';
const corpus = loadCorpus();
const tmp = () => mkdtempSync(join(tmpdir(), 'docdelta-feed-'));

describe('feed builder: folder of dated snapshots', () => {
  test('the whole corpus becomes a valid feed with every page and every changed version', async () => {
    const out = tmp();
    const report = await buildFeed(snapshotVersions(corpusDir, TEMPLATE), { out, title: 'DRF' });
    const feed = await readFeedFolder(out);
    expect(feed.size).toBe(corpus.length);
    const fields = feed.get('www.django-rest-framework.org/api-guide/fields')!;
    expect(fields.entry.url).toBe('https://www.django-rest-framework.org/api-guide/fields/');
    expect(fields.versions.length).toBeGreaterThan(60);
    expect(fields.versions[0]!.time).toBe(fields.entry.latest);
    // Consecutive identical contents are one version.
    for (const page of feed.values()) {
      const oldestFirst = [...page.versions].reverse();
      oldestFirst.forEach((v, i) => i > 0 && expect(v.sha256).not.toBe(oldestFirst[i - 1]!.sha256));
    }
    expect(report.added).toBe([...feed.values()].reduce((n, p) => n + p.versions.length, 0));
    // Older versions are deltas (read back above, every hash checked): the feed is a fraction of its versions' size.
    const wholeBytes = [...feed.values()].reduce((n, p) => n + p.versions.reduce((m, v) => m + v.bytes, 0), 0);
    console.log(`DRF feed: ${(report.bytes / 1e6).toFixed(1)} MB for ${(wholeBytes / 1e6).toFixed(1)} MB of versions`);
    expect(report.bytes).toBeLessThan(wholeBytes / 4);
  });

  test('re-running adds nothing; a new snapshot adds exactly one version', async () => {
    const source = tmp();
    const out = tmp();
    const page = corpus.find((p) => p.slug === 'api-guide__permissions')!;
    mkdirSync(join(source, page.slug));
    for (const version of page.versions.slice(0, -1)) copyFileSync(version.markdownPath ?? version.html, join(source, page.slug, version.stem + (version.markdownPath ? '.md' : '.html')));
    const first = await buildFeed(snapshotVersions(source, TEMPLATE), { out, title: 'DRF' });
    expect(first.added).toBeGreaterThan(10);
    expect((await buildFeed(snapshotVersions(source, TEMPLATE), { out, title: 'DRF' })).added).toBe(0);
    const newest = page.versions.filter((v) => v.markdownPath).at(-1)!;
    writeFileSync(join(source, page.slug, '20270101T000000Z_new.md'), readFileSync(newest.markdownPath!, 'utf8') + '\n\nA new paragraph.\n');
    const again = await buildFeed(snapshotVersions(source, TEMPLATE), { out, title: 'DRF' });
    expect(again.added).toBe(1);
    const feed = await readFeedFolder(out);
    expect(feed.get('www.django-rest-framework.org/api-guide/permissions')!.versions[0]!.time).toBe('2027-01-01T00:00:00Z');
  });

  test('a bad URL template is a clear error', () => {
    expect(() => [...snapshotVersions(corpusDir, 'https://x.org/docs/')]).toThrow(/must contain \{path\}/);
  });
});

describe('feed builder: git history of markdown docs', () => {
  const gitIn = (repo: string, ...args: string[]) =>
    execFileSync('git', ['-C', repo, ...args], { env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });

  function commitAt(repo: string, date: string, message: string) {
    execFileSync('git', ['-C', repo, 'add', '-A']);
    execFileSync('git', ['-C', repo, 'commit', '-q', '-m', message], {
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
  }

  test('each commit that changed a page is a version, dated by the commit, with renames followed, incrementally', async () => {
    const repo = tmp();
    gitIn(repo, 'init', '-q');
    mkdirSync(join(repo, 'docs/api-guide'), { recursive: true });
    const fields = corpus.find((p) => p.slug === 'api-guide__fields')!.versions.filter((v) => v.markdownPath);
    const md = (i: number) => readFileSync(fields[i]!.markdownPath!, 'utf8');
    writeFileSync(join(repo, 'docs/api-guide/old-fields.md'), md(0));
    writeFileSync(join(repo, 'docs/index.md'), '# Home\n');
    writeFileSync(join(repo, 'README.md'), 'not docs');
    commitAt(repo, '2024-01-01T10:00:00Z', 'First');
    writeFileSync(join(repo, 'docs/api-guide/old-fields.md'), md(1));
    commitAt(repo, '2024-02-01T10:00:00Z', 'Edit <b>fields</b>');
    gitIn(repo, 'mv', 'docs/api-guide/old-fields.md', 'docs/api-guide/fields.md');
    commitAt(repo, '2024-03-01T10:00:00Z', 'Rename');
    writeFileSync(join(repo, 'docs/api-guide/fields.md'), md(2));
    commitAt(repo, '2024-04-01T10:00:00Z', 'Edit again');

    const out = tmp();
    const options = { repo, root: 'docs', urlTemplate: TEMPLATE };
    const first = await buildFeed(gitVersions(options), { out, title: 'DRF' });
    const feed = await readFeedFolder(out);
    expect([...feed.keys()].sort()).toEqual(['www.django-rest-framework.org/', 'www.django-rest-framework.org/api-guide/fields']);
    const history = feed.get('www.django-rest-framework.org/api-guide/fields')!.versions;
    // The rename commit changed no content, so it is not a version.
    expect(history.map((v) => v.time)).toEqual(['2024-04-01T10:00:00Z', '2024-02-01T10:00:00Z', '2024-01-01T10:00:00Z']);
    expect(history.map((v) => v.label)).toEqual(['Edit again', 'Edit <b>fields</b>', 'First']);
    expect(first.added).toBe(4);

    const head = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    writeFileSync(join(repo, 'docs/api-guide/fields.md'), md(3));
    commitAt(repo, '2024-05-01T10:00:00Z', 'Newest');
    const again = await buildFeed(gitVersions({ ...options, since: head }), { out, title: 'DRF' });
    expect(again.added).toBe(1);
    expect((await readFeedFolder(out)).get('www.django-rest-framework.org/api-guide/fields')!.versions).toHaveLength(4);
  });

  test('commits on a side branch that was merged are versions too, and only markdown files are pages', async () => {
    const repo = tmp();
    gitIn(repo, 'init', '-q', '-b', 'main');
    mkdirSync(join(repo, 'docs'), { recursive: true });
    writeFileSync(join(repo, 'docs/setup.md'), '# Setup\n\nInstall the client.\n');
    writeFileSync(join(repo, 'docs/llms-full.txt'), 'Every page in one file, for language models.\n');
    commitAt(repo, '2024-01-01T10:00:00Z', 'First');
    gitIn(repo, 'checkout', '-q', '-b', 'side');
    writeFileSync(join(repo, 'docs/setup.md'), '# Setup\n\nInstall the client with pip.\n');
    commitAt(repo, '2024-02-01T10:00:00Z', 'Side: pip');
    writeFileSync(join(repo, 'docs/setup.md'), '# Setup\n\nInstall the client with pip or uv.\n');
    commitAt(repo, '2024-03-01T10:00:00Z', 'Side: uv');
    gitIn(repo, 'checkout', '-q', 'main');
    // Mainline reaches the same text on its own, so the merge changes nothing and plain
    // `git log -- docs` simplifies the side branch away.
    writeFileSync(join(repo, 'docs/setup.md'), '# Setup\n\nInstall the client with pip or uv.\n');
    commitAt(repo, '2024-04-01T10:00:00Z', 'Main: pip or uv');
    gitIn(repo, 'merge', '-q', '--no-ff', '-m', 'Merge side', 'side');
    const simplified = execFileSync('git', ['-C', repo, 'log', '--format=%s', '--', 'docs'], { encoding: 'utf8' });
    expect(simplified).not.toContain('Side: pip');

    const out = tmp();
    await buildFeed(gitVersions({ repo, root: 'docs', urlTemplate: TEMPLATE }), { out, title: 'DRF' });
    const feed = await readFeedFolder(out);
    expect([...feed.keys()]).toEqual(['www.django-rest-framework.org/setup']);
    expect(feed.get('www.django-rest-framework.org/setup')!.versions.map((v) => v.label)).toEqual(['Side: uv', 'Side: pip', 'First']);
  });

  test('a Jekyll site prints its variables at each commit, and a release that changes one is a version of the pages that print it', async () => {
    const repo = tmp();
    gitIn(repo, 'init', '-q');
    mkdirSync(join(repo, 'docs/_docs'), { recursive: true });
    mkdirSync(join(repo, 'docs/_data/ruby'), { recursive: true });
    writeFileSync(join(repo, 'docs/_config.yml'), 'title: Site\nversion: 4.0\n');
    writeFileSync(join(repo, 'docs/_data/ruby/versions.yml'), 'current: "3.1.2"\n');
    writeFileSync(join(repo, 'docs/_docs/install.md'), '# Install\n\nJekyll {{ site.version }} needs Ruby {{site.data.ruby.versions.current}}. {% raw %}Write {{ site.version }}{% endraw %} to print it; {{ page.title }} is the page\'s.\n');
    writeFileSync(join(repo, 'docs/_docs/other.md'), '# Other\n\nNo variables here.\n');
    commitAt(repo, '2024-01-01T10:00:00Z', 'Docs');
    writeFileSync(join(repo, 'docs/_config.yml'), 'title: Site\nversion: 4.1\n');
    commitAt(repo, '2024-02-01T10:00:00Z', 'Release 4.1');
    writeFileSync(join(repo, 'docs/_config.yml'), 'title: The Site\nversion: 4.1\n');
    commitAt(repo, '2024-03-01T10:00:00Z', 'Rename the site');

    const out = tmp();
    await buildFeed(gitVersions({ repo, root: 'docs', urlTemplate: 'https://jekyll.example/{path}/', jekyllSite: true }), { out, title: 'J' });
    const feed = await readFeedFolder(out);
    const install = feed.get('jekyll.example/_docs/install')!.versions;
    // The title change prints nowhere on the page, so it is no version.
    expect(install.map((v) => v.label)).toEqual(['Release 4.1', 'Docs']);
    expect(install.map((v) => v.text)).toEqual([
      "# Install\n\nJekyll 4.1 needs Ruby 3.1.2. {% raw %}Write {{ site.version }}{% endraw %} to print it; {{ page.title }} is the page's.\n",
      "# Install\n\nJekyll 4.0 needs Ruby 3.1.2. {% raw %}Write {{ site.version }}{% endraw %} to print it; {{ page.title }} is the page's.\n",
    ]);
    expect(feed.get('jekyll.example/_docs/other')!.versions).toHaveLength(1);
  });

  test('page paths come from file paths', () => {
    expect(pagePath('docs/api-guide/fields.md', 'docs')).toBe('api-guide/fields');
    expect(pagePath('docs/index.md', 'docs')).toBe('');
    expect(pagePath('docs/tutorial/index.mdx', 'docs/')).toBe('tutorial');
    // Hugo's section pages, flat folders that write "__" for "/", and numeric ordering prefixes.
    expect(pagePath('content/en/docs/concepts/_index.md', 'content/en')).toBe('docs/concepts');
    expect(pagePath('docs/en/agent-sdk__typescript.md', 'docs/en')).toBe('agent-sdk/typescript');
    expect(pagePath('docs/01-getting-started/02_install.mdx', 'docs')).toBe('getting-started/install');
    expect(pagePath('docs/guides/README.md', 'docs')).toBe('guides');
    // Numbers that are names stay: "3d-models", a year, "http2".
    expect(pagePath('docs/3d-models/2024.md', 'docs')).toBe('3d-models/2024');
    // A date is not an ordering prefix: a weekly page keeps its year.
    expect(pagePath('docs/whats-new__2026-w13.md', 'docs')).toBe('whats-new/2026-w13');
    expect(pagePath('blog/2024-03-01-release.md', 'blog')).toBe('2024-03-01-release');
    expect(pagePath('docs/100-appendix.md', 'docs')).toBe('appendix');
    // Hugo lowercases page paths unless told not to; the site's feed says so with --lowercase-paths.
    expect(pagePath('content/en/functions/collections/Group.md', 'content/en', true)).toBe('functions/collections/group');
    expect(pagePath('content/en/functions/collections/Group.md', 'content/en')).toBe('functions/collections/Group');
  });
});
