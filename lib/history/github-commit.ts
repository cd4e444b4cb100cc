import * as v from 'valibot';
import type { GithubSource } from '../sites/github-source';
import { GITHUB_API_ORIGIN, GITHUB_NAME } from './archive-sources';
import { HistoryError } from './history-error';
import { apiJson } from './github';

/**
 * One commit as GitHub's API gives it (`/repos/{repo}/commits/{sha}`): when it reached the
 * branch, its parent, and the files it changed. Following a site reads each new commit of its
 * docs folder this way, so every page it changed gets a version dated by the commit itself.
 */
export interface CommitDetail {
  sha: string;
  time: number;
  subject: string;
  /** The first parent: the branch as it was before this commit. */
  parent: string | null;
  files: Array<{ file: string; status: 'added' | 'modified' | 'removed' | 'renamed'; previous: string | null }>;
}

/** A commit with every file's patch is rarely over a megabyte; a few megabytes is not a commit. */
export const COMMIT_BYTES = 8 * 1024 * 1024;
/** GitHub lists at most 300 files of one commit (more are paged, which a docs commit seldom needs). */
const MAX_FILES = 300;

export function commitUrl(source: Pick<GithubSource, 'repo'>, sha: string): string {
  return `${GITHUB_API_ORIGIN}/repos/${source.repo}/commits/${sha}`;
}

const Sha = v.pipe(v.string(), v.regex(/^[0-9a-f]{40}$/));
const Commit = v.object({
  sha: Sha,
  commit: v.object({
    committer: v.object({ date: v.pipe(v.string(), v.isoTimestamp()) }),
    message: v.pipe(v.string(), v.maxLength(100_000)),
  }),
  parents: v.pipe(v.array(v.object({ sha: Sha })), v.maxLength(50)),
  files: v.optional(v.pipe(v.array(v.unknown()), v.maxLength(MAX_FILES)), []),
});
const File = v.object({
  filename: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
  status: v.string(),
  previous_filename: v.optional(v.pipe(v.string(), v.maxLength(1024))),
});

/** A commit answer, checked whole before anything is used. */
export function parseCommitDetail(text: string): CommitDetail {
  const commit = v.safeParse(Commit, apiJson(text, unreadable));
  if (!commit.success) throw unreadable('the answer is not a commit');
  const { sha, commit: { committer, message }, parents, files } = commit.output;
  return {
    sha,
    time: Date.parse(committer.date),
    subject: message.split('\n', 1)[0]!.slice(0, 200),
    parent: parents[0]?.sha ?? null,
    files: files.map((item, index) => {
      const file = v.safeParse(File, item);
      if (!file.success) throw unreadable(`file ${index + 1} is not one`);
      const { filename, status, previous_filename } = file.output;
      return {
        file: filename,
        status: status === 'added' || status === 'removed' || status === 'renamed' ? status : 'modified',
        previous: previous_filename ?? null,
      };
    }),
  };
}

function unreadable(why: string): HistoryError {
  return new HistoryError(`${GITHUB_NAME}'s commit could not be read (${why}); nothing was stored.`);
}
