import * as v from 'valibot';
import { diffPages } from '../diff/diff-pages';
import { publishedReaders } from '../published/published-readers';
import type { GithubSource } from '../sites/github-source';
import type { SiteRule } from '../sites/site-rule';
import { askArchive, askListing, type ArchiveHost } from './ask-archive';
import { apiJson, commitsUrl, GITHUB_LIMITS, parseCommitsAnswer, rawFileUrl } from './github';
import { GITHUB_API_ORIGIN, GITHUB_NAME } from './archive-sources';
import { HistoryError } from './history-error';

/**
 * A docs site's whole folder over a period, from its repository: what a change tracker's
 * period overview shows ("12 pages changed in the last 7 days"), in three requests (the
 * period's commits, the commit before it, and one comparison of the two ends), each page's
 * words counted only when the reader asks (two raw files).
 */

/** A comparison lists at most 300 files; with their patches it can be several megabytes. */
export const COMPARE_BYTES = 8 * 1024 * 1024;
const MAX_FILES = 300;
const DAY_MS = 24 * 3600_000;

export interface ChangedFile {
  file: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  /** Lines added and removed in the source, as GitHub counts them. */
  additions: number;
  deletions: number;
  /** The page the file builds (null: a file that builds none, shown by its path). */
  page: string | null;
}

export interface RepositoryChanges {
  repo: string;
  days: number;
  /** Commits to the docs folder in the period (at most 100 are counted). */
  commits: number;
  /** The folder as it was before the period, and as it is at its newest commit in it (null when nothing changed). */
  base: string | null;
  head: string | null;
  files: ChangedFile[];
}

/** The comparison of two commits (`base...head`): what changed between them. */
export function compareUrl(source: Pick<GithubSource, 'repo'>, base: string, head: string): string {
  return `${GITHUB_API_ORIGIN}/repos/${source.repo}/compare/${base}...${head}`;
}

const CompareFile = v.object({
  filename: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
  status: v.string(),
  additions: v.pipe(v.number(), v.integer(), v.minValue(0)),
  deletions: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
const Compare = v.object({ files: v.optional(v.array(v.unknown()), []) });

/** A comparison's files, checked whole before anything is used. */
export function parseCompareAnswer(text: string): Array<Omit<ChangedFile, 'page'>> {
  const compare = v.safeParse(Compare, apiJson(text, unreadable));
  if (!compare.success) throw unreadable('the answer is not a comparison');
  if (compare.output.files.length > MAX_FILES) throw unreadable(`the answer lists more than ${MAX_FILES} files`);
  return compare.output.files.map((item, index) => {
    const file = v.safeParse(CompareFile, item);
    if (!file.success) throw unreadable(`file ${index + 1} is not one`);
    const { filename, status, additions, deletions } = file.output;
    return { file: filename, status: status === 'added' || status === 'removed' || status === 'renamed' ? status : 'modified', additions, deletions };
  });
}

/** The docs folder's changes over the last `days` days: the pages their files build, most changed lines first. */
export async function repositoryChanges(github: GithubSource, days: number, now: number, host: Omit<ArchiveHost, 'name'>): Promise<RepositoryChanges> {
  const ask = { ...host, name: GITHUB_NAME };
  const since = now - days * DAY_MS;
  const empty = { repo: github.repo, days, commits: 0, base: null, head: null, files: [] };
  const inPeriod = await askListing(commitsUrl(github, github.folder, { perPage: GITHUB_LIMITS.perPage, since }), GITHUB_LIMITS.listBytes, ask, (bytes) => parseCommitsAnswer(new TextDecoder().decode(bytes)));
  if (inPeriod.status !== 200) throw new HistoryError(`${GITHUB_NAME} has no repository ${github.repo} (it answered ${inPeriod.status === 404 ? 'not found' : 'with a redirect'}).`);
  if (inPeriod.value.length === 0) return empty;
  const before = await askListing(commitsUrl(github, github.folder, { perPage: 1, until: since }), GITHUB_LIMITS.listBytes, ask, (bytes) => parseCommitsAnswer(new TextDecoder().decode(bytes)));
  const base = before.status === 200 ? before.value[0]?.sha : undefined;
  if (!base) throw new HistoryError(`${github.repo}'s ${github.folder} folder has no commit before these ${days} days to compare with.`);
  const head = inPeriod.value[0]!.sha;
  const answer = await askArchive(compareUrl(github, base, head), COMPARE_BYTES, ask);
  if (answer.status !== 200) throw new HistoryError(`${GITHUB_NAME} could not compare ${base.slice(0, 7)} with ${head.slice(0, 7)} in ${github.repo}.`);
  const files = parseCompareAnswer(new TextDecoder().decode(answer.bytes))
    .filter((changed) => changed.file.startsWith(`${github.folder}/`))
    .map((changed) => ({ ...changed, page: github.pageOf(changed.file) }))
    // Pages first (what a reader reads), the most changed first.
    .sort((a, b) => Number(b.page !== null) - Number(a.page !== null) || b.additions + b.deletions - (a.additions + a.deletions));
  return { repo: github.repo, days, commits: inPeriod.value.length, base, head, files };
}

/** One changed file's words, read as its page shows them: the file at `base` against the file at `head` (absent at one end: all added or removed). */
export async function fileWordChanges(site: SiteRule & { github: GithubSource }, file: string, base: string, head: string, host: Omit<ArchiveHost, 'name'>): Promise<{ addedWords: number; removedWords: number }> {
  if (!file.startsWith(`${site.github.folder}/`)) throw new HistoryError(`${file} is not in ${site.github.repo}'s docs folder.`);
  const ask = { ...host, name: GITHUB_NAME };
  const blocksAt = async (sha: string) => {
    const answer = await askArchive(rawFileUrl(site.github, sha, file), GITHUB_LIMITS.sourceBytes, ask);
    if (answer.status === 404) return [];
    if (answer.status !== 200) throw new HistoryError(`${GITHUB_NAME} did not give ${file} at ${sha.slice(0, 7)}.`);
    return (await publishedReaders()).contentBlocks('markdown', answer.bytes, site);
  };
  const [before, after] = [await blocksAt(base), await blocksAt(head)];
  const diff = diffPages(before, after);
  return { addedWords: diff.addedWords, removedWords: diff.removedWords };
}

function unreadable(why: string): HistoryError {
  return new HistoryError(`${GITHUB_NAME}'s comparison could not be read (${why}).`);
}
