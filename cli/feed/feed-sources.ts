import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, posix, relative, resolve } from 'node:path';
import * as v from 'valibot';
import { gitVersions, headCommit } from './git-source';
import type { SourceVersion } from './page-version';
import { snapshotVersions } from './snapshot-source';
import { FeedInputError } from './feed-input-error';
import { checkedFolder } from './regular-files';

/** Where a feed's versions come from: git histories of markdown and snapshot folders, each with its page URLs. */
export type SourceSpec =
  | { git: string; root: string; urlTemplate: string; include?: string[]; exclude?: string[]; lowercasePaths?: boolean; jekyllSite?: boolean }
  | { snapshots: string; urlTemplate: string };


/** The reason a page URL template cannot be used, or null. */
export function templateProblem(template: string): string | null {
  if (!template.includes('{path}')) return `the URL template "${template}" must contain {path}`;
  if (!/^https?:\/\/[^/{}]+/i.test(template) || !URL.canParse(template.replace('{path}', 'page'))) {
    return `the URL template "${template}" must be an absolute http(s) address such as https://docs.example.com/{path}/`;
  }
  return null;
}

const Template = v.pipe(v.string(), v.check((t) => templateProblem(t) === null, 'must be an absolute http(s) address containing {path}'));
/** Git pathspec globs, relative to the source's root ("**" for any folders). */
const Globs = v.pipe(
  v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(200), v.check((glob) => !glob.startsWith(':') && !glob.startsWith('/') && !glob.includes('..'), 'must be a relative glob such as "es/**" or "**/*.mdx"'))),
  v.maxLength(50),
);

const ConfigSchema = v.strictObject({
  title: v.optional(v.pipe(v.string(), v.maxLength(200))),
  sources: v.pipe(
    v.array(
      v.union([
        v.strictObject({
          git: v.string(),
          root: v.optional(v.string(), 'docs'),
          urlTemplate: Template,
          include: v.optional(Globs),
          exclude: v.optional(Globs),
          lowercasePaths: v.optional(v.boolean()),
          jekyllSite: v.optional(v.boolean()),
        }),
        v.strictObject({ snapshots: v.string(), urlTemplate: Template }),
      ]),
    ),
    v.minLength(1, 'must list at least one source'),
  ),
});

/**
 * `--config feed.json`: several roots (each a folder of one repository, or a
 * snapshot folder) with their own URL templates, built into one feed. Paths
 * are relative to the config file.
 */
export function parseFeedConfig(text: string, file: string): { title?: string; sources: SourceSpec[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FeedInputError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = v.safeParse(ConfigSchema, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue.path?.map((step) => step.key).join('.') ?? '';
    throw new FeedInputError(`${file}: ${where ? `${where} ` : ''}${issue.message}`);
  }
  const base = dirname(resolve(file));
  // A config names folders beside it: one that leaves its folder ("../../outside") is refused.
  const inside = (path: string) => {
    const resolved = resolve(base, path);
    const back = relative(base, resolved);
    if (back.startsWith('..') || isAbsolute(back)) throw new FeedInputError(`${file}: "${path}" must be a folder inside the config's folder (${base})`);
    return resolved;
  };
  return {
    title: parsed.output.title,
    sources: parsed.output.sources.map((source) => ('git' in source ? { ...source, git: inside(source.git) } : { ...source, snapshots: inside(source.snapshots) })),
  };
}

/** Refuses sources that cannot be read, before anything is written. */
/**
 * Why a docs root cannot be used, or null. An empty root read the whole repository (its README,
 * its notes) as pages under the wrong addresses; "." says so on purpose.
 */
export function rootProblem(root: string): string | null {
  if (root.trim() === '') return 'the root is empty: name the docs folder inside the repository ("docs"), or "." for all of it';
  if (isAbsolute(root) || posix.normalize(root.replaceAll('\\', '/')).split('/')[0] === '..') return `the root "${root}" must be a folder inside the repository`;
  return null;
}

export function checkSources(sources: readonly SourceSpec[]): void {
  for (const source of sources) {
    const problem = templateProblem(source.urlTemplate);
    if (problem) throw new FeedInputError(problem);
    if ('git' in source && spawnSync('git', ['-C', source.git, 'rev-parse', '--git-dir'], { stdio: 'ignore' }).status !== 0) {
      throw new FeedInputError(`${source.git} is not a git repository`);
    }
    if ('snapshots' in source && !existsSync(source.snapshots)) throw new FeedInputError(`${source.snapshots} does not exist`);
    if ('snapshots' in source) checkedFolder(source.snapshots);
    if ('git' in source) {
      const problem = rootProblem(source.root);
      if (problem) throw new FeedInputError(problem);
      for (const glob of [...(source.include ?? []), ...(source.exclude ?? [])]) {
        if (!v.is(Globs, [glob])) throw new FeedInputError(`"${glob}" must be a relative glob such as "es/**" or "**/*.mdx"`);
      }
    }
  }
}

/**
 * Build state: the last commit built, per repository, root and file globs (so another root of the
 * same repository, or the same root with other globs, is not "up to date" and is read in full).
 */
export type BuildState = { git?: Record<string, string> };
const stateKey = (source: { git: string; root: string; include?: string[]; exclude?: string[]; lowercasePaths?: boolean; jekyllSite?: boolean }) =>
  [
    resolve(source.git),
    source.root,
    ...(source.include ? [`+${source.include.join(',')}`] : []),
    ...(source.exclude ? [`-${source.exclude.join(',')}`] : []),
    ...(source.lowercasePaths ? ['lowercase'] : []),
    ...(source.jekyllSite ? ['jekyll'] : []),
  ].join('::');

/** Every source's versions, one after another; git sources only since their last build. */
export async function* versionsOf(sources: readonly SourceSpec[], state: BuildState, onWarning?: (message: string) => void): AsyncGenerator<SourceVersion> {
  for (const source of sources) {
    if ('git' in source) yield* gitVersions({ ...source, repo: source.git, since: state.git?.[stateKey(source)], onWarning });
    else yield* snapshotVersions(source.snapshots, source.urlTemplate, onWarning);
  }
}

/** The state after a build of these sources. */
export function stateAfter(sources: readonly SourceSpec[], state: BuildState): BuildState {
  const git = { ...state.git };
  for (const source of sources) if ('git' in source) git[stateKey(source)] = headCommit(source.git);
  return { git };
}
