import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ArchiveServer } from '../../harness/archive-server';
import { diffPages } from '../../lib/diff/diff-pages';
import { contentBlocks } from '../../lib/published/content-blocks';
import { RequestBudget } from '../../lib/history/request-budget';
import { fileWordChanges, parseCompareAnswer, repositoryChanges } from '../../lib/history/repository-changes';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { loadCorpus } from '../support/corpus';

// "N pages changed in the last 30 days" for the whole docs folder of Django REST framework,
// from the real markdown history of the corpus's seven pages served as GitHub serves a
// repository (commits of a folder, a comparison, raw files).
const drf = builtinSites.find((site) => site.id === 'django-rest-framework')! as (typeof builtinSites)[number] & { github: NonNullable<(typeof builtinSites)[number]['github']> };
const corpus = loadCorpus();
const fileOf = (url: string) => drf.github.files(new URL(url))[0]!;
const history = corpus.map((page) => ({
  page,
  file: fileOf(page.url),
  commits: page.versions.filter((v) => v.markdownPath).map((v) => ({ sha: createHash('sha1').update(`${page.slug}/${v.stem}`).digest('hex'), date: v.date.replace(/\.\d+Z$/, 'Z'), message: `Docs: ${v.stem}`, content: readFileSync(v.markdownPath!, 'utf8') })).reverse(),
}));
const newest = Math.max(...history.flatMap((h) => h.commits.map((c) => Date.parse(c.date))));
const now = newest + 24 * 3600_000;
let server: ArchiveServer;
const host = () => ({ budget: new RequestBudget(50), fetch: server.fetchVia() });
const blocksOf = (text: string) => contentBlocks('markdown', new TextEncoder().encode(text), drf);

beforeAll(async () => {
  server = await new ArchiveServer().start();
  for (const { file, commits } of history) server.commits.set(`encode/django-rest-framework:${file}`, commits);
});
afterAll(() => server?.stop());
beforeEach(() => {
  server.requests.length = 0;
  server.override = null;
});

describe('what changed in a docs folder over a period, from its repository', () => {
  test.each([7, 30, 365])('the last %i days: the pages whose source changed, in three requests, each page\'s words on demand', async (days) => {
    const since = now - days * 24 * 3600_000;
    const changes = await repositoryChanges(drf.github, days, now, host());
    // What really changed: each file as it was before the period against as it is now.
    const expected = history.flatMap(({ page, file, commits }) => {
      const atHead = commits.find((c) => Date.parse(c.date) <= now)!;
      const atBase = commits.find((c) => Date.parse(c.date) <= since);
      return atHead !== atBase ? [{ page, file, atBase, atHead }] : [];
    });
    const inPeriod = new Set(history.flatMap(({ commits }) => commits.filter((c) => Date.parse(c.date) >= since).map((c) => c.sha)));
    expect(changes.commits).toBe(inPeriod.size);
    expect(changes.files.map((f) => f.file).sort()).toEqual(expected.map((e) => e.file).sort());
    if (expected.length === 0) return;
    expect(server.requests.map((r) => r.path.split('/')[4])).toEqual(['commits', 'commits', 'compare']);
    // Every file names its real page.
    for (const changed of changes.files) expect(changed.page).toBe(expected.find((e) => e.file === changed.file)!.page.url);
    const { file, atBase, atHead } = expected[0]!;
    const words = await fileWordChanges(drf, file, changes.base!, changes.head!, host());
    const real = diffPages(atBase ? blocksOf(atBase.content) : [], blocksOf(atHead.content));
    expect(words).toEqual({ addedWords: real.addedWords, removedWords: real.removedWords });
    expect(words.addedWords + words.removedWords).toBeGreaterThan(0);
  });

  test('a quiet period asks once and lists nothing', async () => {
    const changes = await repositoryChanges(drf.github, 7, now + 60 * 24 * 3600_000, host());
    expect(changes).toMatchObject({ commits: 0, files: [], base: null });
    expect(server.requests).toHaveLength(1);
  });

  test('a comparison that is not one, or lists more files than the API ever does, is refused whole', async () => {
    expect(() => parseCompareAnswer('{"files":[{"filename":"docs/a.md","status":"modified","additions":-1,"deletions":0}]}')).toThrow('GitHub\'s comparison could not be read (file 1 is not one).');
    expect(() => parseCompareAnswer(JSON.stringify({ files: Array.from({ length: 301 }, (_, i) => ({ filename: `docs/${i}.md`, status: 'added', additions: 1, deletions: 0 })) }))).toThrow('lists more than 300 files');
    expect(() => parseCompareAnswer('<html>')).toThrow('not the JSON the API sends');
    server.override = ({ path }, response) => path.includes('/compare/') && (response.writeHead(200).end('{"files": "everything"}'), true);
    await expect(repositoryChanges(drf.github, 365, now, host())).rejects.toThrow('GitHub\'s comparison could not be read (the answer is not a comparison).');
  });

  test('a file outside the docs folder is not asked for', async () => {
    await expect(fileWordChanges(drf, '.github/workflows/ci.yml', 'a'.repeat(40), 'b'.repeat(40), host())).rejects.toThrow('is not in encode/django-rest-framework\'s docs folder');
    expect(server.requests).toHaveLength(0);
  });
});
