import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeCommit } from '../../harness/archive-server';
import { corpusDir } from './corpus';

interface ManifestVersion {
  source_commit?: string;
  source_commit_date?: string;
  commit_message: string;
  md_source?: { file: string; repo_path: string; same_as_previous_md?: boolean };
}

/**
 * The real commits of encode/django-rest-framework's docs folder that the DRF corpus holds the
 * markdown of (tests/fixtures/drf, BSD-3-Clause): per file, newest first, as the fake GitHub of
 * harness/archive-server.ts serves them. A commit that changed several pages is one commit
 * (one sha, one date) in each file's list. `shiftMs` moves every date (a past week replayed as
 * this week).
 */
export function drfSourceCommits(shiftMs = 0): Map<string, FakeCommit[]> {
  const manifest = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as { pages: Array<{ versions: ManifestVersion[] }> };
  const commits = new Map<string, FakeCommit[]>();
  for (const page of manifest.pages) {
    for (const version of page.versions) {
      const md = version.md_source;
      if (!md || !version.source_commit || !version.source_commit_date || md.same_as_previous_md) continue;
      const key = `encode/django-rest-framework:${md.repo_path}`;
      const list = commits.get(key) ?? [];
      if (list.some((commit) => commit.sha === version.source_commit)) continue;
      const date = new Date(Date.parse(version.source_commit_date) + shiftMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
      list.push({ sha: version.source_commit, date, message: `Docs change (deployed as: ${version.commit_message})`, content: readFileSync(join(corpusDir, md.file), 'utf8') });
      commits.set(key, list);
    }
  }
  for (const list of commits.values()) list.sort((a, b) => b.date.localeCompare(a.date));
  return commits;
}

/** The file's text at `time` (ms): its newest commit at or before it. */
export function fileAt(commits: Map<string, FakeCommit[]>, file: string, time: number): string | null {
  return commits.get(`encode/django-rest-framework:${file}`)?.find((commit) => Date.parse(commit.date) <= time)?.content ?? null;
}
