import type { Block } from '../blocks';
import { askArchive, askListing, type ArchiveHost } from '../history/ask-archive';
import { GITHUB_NAME } from '../history/archive-sources';
import { commitsUrl, GITHUB_LIMITS, parseCommitsAnswer, rawFileUrl, type SourceCommit } from '../history/github';
import { COMMIT_BYTES, commitUrl, parseCommitDetail, type CommitDetail } from '../history/github-commit';
import { HistoryError } from '../history/history-error';
import { publishedReaders } from '../published/published-readers';
import type { GithubSource } from '../sites/github-source';
import type { SiteRule } from '../sites/site-rule';
import { keyOfPage } from '../store/custom-sites-store';
import type { SourcePage, SourceVersionToStore } from '../store/ingest-source-versions';
import { type DocDeltaDB, writeTransaction } from '../store/open-db';
import { originIn } from '../store/version-origins';
import type { SourceState } from './follow-record';
import { titleOf } from './page-title';
import { FOLLOW_WINDOW_MS } from './follow-schedule';

/** Commits read in one check; more wait for the next (where the check got to is kept). */
export const COMMITS_PER_CHECK = 20;

export interface FollowHost {
  ask: Omit<ArchiveHost, 'name'>;
  /** Stores one page's versions (as a visit is stored); returns how many were new. */
  store: (page: SourcePage, versions: readonly SourceVersionToStore[]) => Promise<number>;
  /** False once the reader unfollowed: the check stops before its next commit. */
  stillWanted: () => Promise<boolean>;
  /** Keeps where a check got to after each commit or page: a worker stopped mid-check resumes there. */
  keepProgress?: (state: SourceState) => Promise<void>;
}

/**
 * Marks a stored page as one a commit added at `time` (the week lists it as new), removed at
 * `time`, or written again (`back`: no longer removed). Nothing is written when nothing changes.
 */
async function markPage(db: DocDeltaDB, pageKey: string, change: 'added' | 'removed' | 'back', time: number): Promise<void> {
  if (change === 'back' && (await db.get('pages', pageKey))?.removedAt === undefined) return;
  const tx = writeTransaction(db, ['pages']);
  const page = await tx.objectStore('pages').get(pageKey);
  if (page) {
    const { removedAt: _gone, ...kept } = page;
    await tx.objectStore('pages').put(change === 'removed' ? { ...page, removedAt: time } : change === 'added' ? { ...kept, createdAt: page.createdAt ?? time } : kept);
  }
  await tx.done;
}

export interface CheckOutcome {
  /** Where the check got to: kept even when it failed part-way. */
  state: SourceState;
  /** Pages that got a new version. */
  pages: number;
  requests: number;
  error: HistoryError | null;
}

/**
 * One check of a followed site's repository: the docs folder's commits since the newest one
 * read (one request, asked conditionally), then each new commit oldest first (one request for
 * its files) and, for every page it changed, the page's source at that commit (one request;
 * one more for the page as it was before, the first time the page changes). Each version is
 * dated by its commit. A commit is done when all its pages are stored: a check cut short (a
 * rate limit, the worker stopped) resumes at the first commit not done, and storing a text
 * again adds nothing.
 */
export async function checkGithubFollow(db: DocDeltaDB, site: SiteRule & { github: GithubSource }, state: SourceState, now: number, host: FollowHost): Promise<CheckOutcome> {
  let requests = 0;
  const counted = host.ask.fetch ?? fetch;
  const ask: ArchiveHost = { ...host.ask, name: GITHUB_NAME, fetch: (input, init) => ((requests += 1), counted(input, init)) };
  const github = site.github;
  let progress: SourceState = { ...state, since: state.since ?? now - FOLLOW_WINDOW_MS };
  const changed = new Set<string>();
  try {
    if (progress.head === undefined) {
      const before = await listCommits(github, ask, { perPage: 1, until: progress.since! });
      progress = { ...progress, head: before[0] ? { sha: before[0].sha, time: before[0].time } : null, atHead: before[0] ? [before[0].sha] : [] };
    }
    const head = progress.head ?? null;
    const from = head?.time ?? progress.since!;
    const listed = await listCommits(github, ask, { perPage: GITHUB_LIMITS.perPage, since: from });
    const fresh = listed
      .filter((commit) => commit.time > from || (commit.time === from && !(progress.atHead ?? []).includes(commit.sha)))
      // The API lists newest first; commits of one second keep its order, reversed.
      .reverse()
      .sort((a, b) => a.time - b.time)
      .slice(0, COMMITS_PER_CHECK);
    for (const commit of fresh) {
      if (!(await host.stillWanted())) break;
      const detail = await commitDetail(github, ask, commit.sha);
      await storeCommitPages(db, site, detail, progress.since!, ask, async (page, versions) => {
        if ((await host.store(page, versions)) > 0) changed.add(page.pageKey);
      });
      const sameSecond = progress.head?.time === commit.time ? (progress.atHead ?? []) : [];
      progress = { ...progress, head: { sha: commit.sha, time: commit.time }, atHead: [...sameSecond, commit.sha].slice(-100) };
      await host.keepProgress?.(progress);
    }
    return { state: progress, pages: changed.size, requests, error: null };
  } catch (error) {
    if (!(error instanceof HistoryError)) throw error;
    return { state: progress, pages: changed.size, requests, error };
  }
}

/**
 * The pages one commit changed, each stored as soon as it is read, with its new version and (the
 * first time) the version before it. A page that already has this commit's version is skipped:
 * a commit of many pages that a rate limit cut short costs nothing again for what was stored.
 */
async function storeCommitPages(
  db: DocDeltaDB, site: SiteRule & { github: GithubSource }, detail: CommitDetail, since: number, ask: ArchiveHost,
  store: (page: SourcePage, versions: SourceVersionToStore[]) => Promise<void>,
): Promise<void> {
  for (const changed of detail.files) {
    if (!changed.file.startsWith(`${site.github.folder}/`)) continue;
    const url = site.github.pageOf(changed.file);
    if (!url) continue;
    const pageKey = await keyOfPage(db, url);
    if (changed.status === 'removed') {
      await storeRemoved(db, site, detail, changed.file, { pageKey, url }, since, ask, store);
      continue;
    }
    const id = `${detail.sha}:${changed.file}`;
    const fromRepository = (await db.getAllFromIndex('versions', 'byPage', pageKey)).flatMap((version) => originIn(version, 'github') ?? []);
    if (fromRepository.some((tag) => tag.id === id)) continue;
    const versions: SourceVersionToStore[] = [];
    // The first change a follow sees of a page: its text before that commit is what it was when
    // the window began (every commit since was read, and none touched it).
    if (changed.status !== 'added' && detail.parent && fromRepository.length === 0) {
      const file = changed.previous ?? changed.file;
      const before = await readSource(site, ask, detail.parent, file);
      if (before) versions.push({ id: `${detail.parent}:${file}`, time: since, blocks: before });
    }
    const after = await readSource(site, ask, detail.sha, changed.file);
    if (!after) continue;
    versions.push({ id, time: detail.time, label: detail.subject, blocks: after });
    await store({ pageKey, url, title: titleOf(after, url), siteId: site.id }, versions);
    // A page this commit created has no text before it: the week lists it as new.
    const added = changed.status === 'added' && !fromRepository.some((tag) => tag.time < detail.time);
    await markPage(db, pageKey, added ? 'added' : 'back', detail.time);
  }
}

/** A page a commit removed: its last text (read at the commit before, the first time) kept, and the page marked as gone then. */
async function storeRemoved(
  db: DocDeltaDB, site: SiteRule & { github: GithubSource }, detail: CommitDetail, file: string, page: { pageKey: string; url: string }, since: number, ask: ArchiveHost,
  store: (page: SourcePage, versions: SourceVersionToStore[]) => Promise<void>,
): Promise<void> {
  if ((await db.get('pages', page.pageKey))?.removedAt !== undefined) return;
  if (!(await hasRepositoryVersion(db, page.pageKey)) && detail.parent) {
    const before = await readSource(site, ask, detail.parent, file);
    if (!before) return;
    await store({ ...page, title: titleOf(before, page.url), siteId: site.id }, [{ id: `${detail.parent}:${file}`, time: since, blocks: before }]);
  }
  await markPage(db, page.pageKey, 'removed', detail.time);
}


async function listCommits(github: GithubSource, ask: ArchiveHost, options: { perPage: number; until?: number; since?: number }): Promise<SourceCommit[]> {
  const answer = await askListing(commitsUrl(github, github.folder, options), GITHUB_LIMITS.listBytes, ask, (bytes) => parseCommitsAnswer(new TextDecoder().decode(bytes)));
  if (answer.status === 404) throw new HistoryError(`${GITHUB_NAME} has no repository ${github.repo} (or it is private).`);
  if (answer.status !== 200) throw new HistoryError(`${GITHUB_NAME} redirected the list of commits; it was not followed.`);
  return answer.value;
}

async function commitDetail(github: GithubSource, ask: ArchiveHost, sha: string): Promise<CommitDetail> {
  const answer = await askArchive(commitUrl(github, sha), COMMIT_BYTES, ask);
  if (answer.status !== 200) throw new HistoryError(`${GITHUB_NAME} did not give commit ${sha.slice(0, 7)} of ${github.repo}.`);
  const detail = parseCommitDetail(new TextDecoder().decode(answer.bytes));
  if (detail.sha !== sha) throw new HistoryError(`${GITHUB_NAME} answered commit ${sha.slice(0, 7)} with another commit.`);
  return detail;
}

/** A source file read as its page shows it; null when the commit has no such file. */
async function readSource(site: SiteRule & { github: GithubSource }, ask: ArchiveHost, sha: string, file: string): Promise<Block[] | null> {
  const answer = await askArchive(rawFileUrl(site.github, sha, file), GITHUB_LIMITS.sourceBytes, ask);
  if (answer.status === 404) return null;
  if (answer.status !== 200) throw new HistoryError(`${GITHUB_NAME} did not give ${file} at ${sha.slice(0, 7)}.`);
  return (await publishedReaders()).contentBlocks('markdown', answer.bytes, site);
}


async function hasRepositoryVersion(db: DocDeltaDB, pageKey: string): Promise<boolean> {
  return (await db.getAllFromIndex('versions', 'byPage', pageKey)).some((version) => originIn(version, 'github'));
}
