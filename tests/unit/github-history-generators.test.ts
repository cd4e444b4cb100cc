import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ArchiveServer } from '../../harness/archive-server';
import { historyFromSource, sourceFor } from '../../lib/background/history-from-source';
import { contentBlocks } from '../../lib/published/content-blocks';
import { RequestBudget } from '../../lib/history/request-budget';
import { findSite } from '../../lib/sites/find-site';
import { openDocDeltaDB } from '../../lib/store/open-db';
import { recordVisit } from '../../lib/store/page-history';
import { sourcePages, versionsOf } from '../support/source-corpora';
import { originIn } from '../../lib/store/version-origins';

// A first visit's history from the docs' repository on sites beyond Django REST framework:
// Hugo's, Jekyll's and React's own docs, their real markdown history served as GitHub serves
// it, the live page the HTML their build made (Hugo, Jekyll) or the MDX rendered (React). The
// page is found in the repository from its address alone (the site's `pageOf`/`files`), and the
// version compared with is the commit before the one the live page was built from.
const manifest = JSON.parse(readFileSync('tests/fixtures/markdown-sources/manifest.json', 'utf8')) as { sources: Array<{ slug: string; pages: Record<string, string> }> };
const cases = sourcePages
  .filter((page) => ['hugo-docs', 'jekyll-docs', 'react.dev'].includes(page.corpus))
  .map((page) => {
    const file = manifest.sources.find((source) => source.slug === page.corpus)!.pages[page.name.split('/')[1]!]!;
    const repo = manifest.sources.find((source) => source.slug === page.corpus)!;
    return { page, file, repo };
  });
let server: ArchiveServer;
let dbs = 0;

beforeAll(async () => {
  server = await new ArchiveServer().start();
});
afterAll(() => server?.stop());

describe('history from the docs\' repository, on other generators', () => {
  test.each(cases.map((c) => [c.page.name, c] as const))('%s', async (_name, { page, file }) => {
    const site = [findSite(new URL('https://gohugo.io/')), findSite(new URL('https://jekyllrb.com/docs/')), findSite(new URL('https://react.dev/learn'))].find((candidate) => candidate?.github && file.startsWith(`${candidate.github.folder}/`))!;
    const url = site.github!.pageOf(file)!;
    expect(site.github!.files(new URL(url))).toContain(file);
    const versions = versionsOf(page);
    // As GitHub serves it: the file as committed (no site variables expanded), newest first.
    const commits = versions.map((version) => ({
      sha: createHash('sha1').update(`${page.name}/${version.file}`).digest('hex'),
      date: `${version.file.slice(0, 4)}-${version.file.slice(4, 6)}-${version.file.slice(6, 8)}T${version.file.slice(9, 11)}:${version.file.slice(11, 13)}:${version.file.slice(13, 15)}Z`,
      message: `Docs: ${version.file}`,
      content: readFileSync(join(page.dir, version.file), 'utf8'),
    })).reverse();
    server.commits.clear();
    server.commits.set(`${site.github!.repo}:${file}`, commits);
    const db = await openDocDeltaDB(`github-generators-${++dbs}`);
    const target = { pageKey: `page-${dbs}`, url, title: page.name, siteId: site.id };
    await recordVisit(db, { ...target, blocks: versions.at(-1)!.liveBlocks(), at: Date.now() });
    const outcome = await historyFromSource(db, target, 'github', sourceFor('github', url, site, { budget: new RequestBudget(50), fetch: server.fetchVia() }));
    expect(outcome.added).toBeGreaterThan(0);
    // The live page was built from the newest commit: the baseline is the newest older commit whose words differ from it.
    const words = (text: string) => contentBlocks('markdown', new TextEncoder().encode(text), site).map((block) => block.text).join(' ');
    const listed = commits.slice(0, 5);
    const expected = listed.slice(1).find((commit) => words(commit.content) !== words(listed[0]!.content));
    expect(expected).toBeDefined();
    const baseline = outcome.baselineId === null ? undefined : await db.get('versions', outcome.baselineId);
    expect((baseline && originIn(baseline, 'github'))?.id.split(':')[0]).toBe(expected?.sha);
  });
});
