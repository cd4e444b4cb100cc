import { publishedReaders } from '../published/published-readers';
import type { GithubSource } from '../sites/github-source';
import type { SiteRule } from '../sites/site-rule';
import { askArchive, askListing, type ArchiveHost } from './ask-archive';
import { commitsUrl, GITHUB_LIMITS, parseCommitsAnswer, rawFileUrl } from './github';
import { GITHUB_NAME } from './archive-sources';
import { HistoryError } from './history-error';
import type { HistorySource, SourceVersion } from '../published/history-source';

/**
 * A page's history from the commits that changed its source file in the site's repository.
 * The file is the first of the site's candidates (`files(url)`) with any commits; a version's
 * id is `<sha>:<file>`, so a file renamed later still reads from the path it had.
 */
export function githubHistorySource(pageUrl: string, site: SiteRule & { github: GithubSource }, host: Omit<ArchiveHost, 'name'>): HistorySource {
  const github = { ...host, name: GITHUB_NAME };
  const candidates = site.github.files(new URL(pageUrl));
  let found: string | null = null;
  return {
    kind: 'github',
    name: GITHUB_NAME,
    cost: { list: Math.max(1, candidates.length), read: 1 },
    async list({ newest, before }) {
      const perPage = Math.min(newest, GITHUB_LIMITS.perPage);
      for (const file of found ? [found] : candidates) {
        // Older versions: the commits before the oldest the timeline has (a second earlier).
        const answer = await askListing(commitsUrl(site.github, file, { perPage, ...(before ? { until: before.time - 1000 } : {}) }), GITHUB_LIMITS.listBytes, github, (bytes) => parseCommitsAnswer(new TextDecoder().decode(bytes)));
        if (answer.status === 404) throw new HistoryError(`${GITHUB_NAME} has no repository ${site.github.repo} (or it is private).`);
        if (answer.status !== 200) throw new HistoryError(`${GITHUB_NAME} redirected the list of commits; it was not followed.`);
        const commits = answer.value;
        if (commits.length === 0 && before) return [];
        if (commits.length === 0) continue;
        found = file;
        return commits.map((commit) => ({ id: `${commit.sha}:${file}`, time: commit.time, label: commit.subject }));
      }
      if (candidates.length === 0) throw new HistoryError(`DocDelta does not know which file of ${site.github.repo} this page is written in.`);
      throw new HistoryError(`${GITHUB_NAME} has no history of this page's source in ${site.github.repo} (looked for ${candidates.join(', ')}).`);
    },
    async read(version: SourceVersion) {
      const [sha, file] = splitId(version.id);
      const answer = await askArchive(rawFileUrl(site.github, sha, file), GITHUB_LIMITS.sourceBytes, github);
      if (answer.status !== 200) throw new HistoryError(`${GITHUB_NAME} has no ${file} at commit ${sha.slice(0, 7)}.`);
      return (await publishedReaders()).contentBlocks('markdown', answer.bytes, site);
    },
  };
}

function splitId(id: string): [sha: string, file: string] {
  const at = id.indexOf(':');
  const sha = id.slice(0, at);
  if (at !== 40 || !/^[0-9a-f]{40}$/.test(sha)) throw new HistoryError(`"${id}" is no version of a GitHub source`);
  return [sha, id.slice(at + 1)];
}
