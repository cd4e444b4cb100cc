import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CorpusPage } from '../support/corpus';

/**
 * A git repository of markdown docs with `commits` commits, made in one
 * `git fast-import` stream from real corpus markdown: each commit edits one
 * or two pages (cycling through their real versions, with a small unique
 * edit so no commit is a no-op) across `pages` page files.
 */
export function makeLargeDocsRepo(corpus: readonly CorpusPage[], commits: number, pages: number): string {
  const repo = mkdtempSync(join(tmpdir(), 'docdelta-large-repo-'));
  execFileSync('git', ['init', '-q', repo]);
  const sources = corpus.map((page) => page.versions.filter((v) => v.markdownPath).map((v) => readFileSync(v.markdownPath!, 'utf8')));
  const chunks: string[] = [];
  const start = Date.parse('2020-01-01T00:00:00Z') / 1000;
  for (let c = 0; c < commits; c++) {
    const time = start + c * 3600;
    const message = `Docs edit ${c}`;
    chunks.push(`commit refs/heads/main\ncommitter Docs <docs@example.org> ${time} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`);
    for (const page of c === 0 ? Array.from({ length: pages }, (_, i) => i) : [c % pages, (c * 7) % pages]) {
      const versions = sources[page % sources.length]!;
      const body = `${versions[Math.floor(c / pages) % versions.length]}\n\nRevision ${c} of page ${page}.\n`;
      chunks.push(`M 100644 inline docs/section-${page % 10}/page-${page}.md\ndata ${Buffer.byteLength(body)}\n${body}\n`);
    }
  }
  execFileSync('git', ['-C', repo, 'fast-import', '--quiet'], { input: chunks.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['-C', repo, 'checkout', '-q', 'main']);
  return repo;
}
