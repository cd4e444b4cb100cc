import { execFileSync, spawn } from 'node:child_process';
import { expandSiteVariables, loadJekyllSite, type SiteValue } from './jekyll-site';
import { pageUrlFrom, type SourceVersion } from './page-version';
import { FEED_LIMITS } from '../../lib/feed/feed-schema';

export interface GitOptions {
  repo: string;
  /** Only files under this folder of the repository ("docs"). */
  root: string;
  urlTemplate: string;
  /** Only commits after this one (incremental builds). */
  since?: string;
  /** Globs, relative to root, of the markdown files that are pages (default: every .md, .mdx and .markdown file). */
  include?: readonly string[];
  /** Globs, relative to root, of files that are not pages (snippets, translations, agent notes). */
  exclude?: readonly string[];
  /** The site lowercases its page paths (Hugo does by default: `functions/collections/Group.md` → `/functions/collections/group/`). */
  lowercasePaths?: boolean;
  /**
   * Root is a Jekyll site: each `{{ site.* }}` output is written with its value at the commit
   * (from `_config.yml` and `_data/`), and a commit that changes those files is a version of
   * every page whose text it changes (a release that bumps `version:` changes every page that prints it).
   */
  jekyllSite?: boolean;
  /** Told of what is left out, one line each (a page version whose file the repository lacks). */
  onWarning?: (message: string) => void;
}

export const DEFAULT_INCLUDE = ['**/*.md', '**/*.mdx', '**/*.markdown'];

interface Change {
  commit: string;
  time: string;
  subject: string;
  /** A page file, or null for a commit that changed the Jekyll site's variables. */
  path: string | null;
}

const git = (repo: string, args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });

/**
 * The page's path on the site, as docs generators make it from the file's:
 * "docs/api-guide/fields.md" → "api-guide/fields"; "index.md", "_index.md"
 * (Hugo) and "README.md" → their folder; "__" in a flat folder's names →
 * "/" ("agent-sdk__typescript.md" → "agent-sdk/typescript", as --snapshots
 * folders name pages); numeric ordering prefixes dropped ("01-intro" →
 * "intro", as Docusaurus and others do). A number of four digits or more is a year or a
 * name, not an ordering ("2026-w13", "2024-03-01-release" stay as they are).
 */
export function pagePath(file: string, root: string, lowercase = false): string {
  const inside = root ? file.slice(root.replace(/\/$/, '').length + 1) : file;
  const path = inside
    .replace(/\.(md|mdx|markdown)$/i, '')
    .replaceAll('__', '/')
    .split('/')
    .map((segment) => segment.replace(/^\d{1,3}[-_](?=[^\d])/, ''))
    .join('/');
  const page = path.replace(/(^|\/)(_?index|README)$/i, '');
  return lowercase ? page.toLowerCase() : page;
}

/** Pages in a git history are markdown files; other files (llms-full.txt, HTML includes) are not pages. */
const isPageFile = (path: string) => /\.(md|mdx|markdown)$/i.test(path);

/**
 * Every commit that changed a docs file is a version of that page, dated by
 * the commit, including commits made on side branches and merged later
 * (`--full-history`: without it, git's history simplification drops them).
 * Renames are followed: a page keeps its history under its newest path.
 * Content is read in one `git cat-file --batch` stream.
 */
export async function* gitVersions(options: GitOptions): AsyncGenerator<SourceVersion> {
  const { repo, root } = options;
  const range = options.since ? [`${options.since}..HEAD`] : ['HEAD'];
  // Only page files are asked for, so git never reads other blobs (images, PDFs) to detect renames.
  const folder = root && root !== '.' ? `${root.replace(/\/$/, '')}/` : '';
  const pageFiles = [
    ...(options.include ?? DEFAULT_INCLUDE).map((glob) => `:(glob,icase)${folder}${glob}`),
    ...(options.exclude ?? []).map((glob) => `:(exclude,glob,icase)${folder}${glob}`),
  ];
  const siteFiles = options.jekyllSite ? [`${folder}_config.yml`, `:(glob)${folder}_data/**`] : [];
  const isSiteFile = (path: string) => path === `${folder}_config.yml` || path.startsWith(`${folder}_data/`);
  const log = git(repo, ['log', '--reverse', '--full-history', '--no-merges', '-M', '--name-status', '--format=%x00%H%x09%cI%x09%s', ...range, '--', ...pageFiles, ...siteFiles]);
  const changes: Change[] = [];
  /** Older path → newest path, built as renames are met oldest first. */
  const renamedTo = new Map<string, string>();
  for (const entry of log.split('\0').slice(1)) {
    const [header, ...lines] = entry.split('\n');
    const [commit, date, ...subject] = header!.split('\t');
    const time = new Date(date!).toISOString().replace(/\.\d{3}Z$/, 'Z');
    let siteChanged = false;
    for (const line of lines) {
      const [status, ...paths] = line.split('\t');
      if (!status || !paths.length) continue;
      const path = paths.at(-1)!;
      if (options.jekyllSite && (isSiteFile(path) || isSiteFile(paths[0]!))) {
        siteChanged = true;
        continue;
      }
      if (status.startsWith('R')) renamedTo.set(paths[0]!, path);
      if (status.startsWith('D') || !isPageFile(path)) continue;
      changes.push({ commit: commit!, time, subject: subject.join('\t'), path });
    }
    if (siteChanged) changes.push({ commit: commit!, time, subject: subject.join('\t'), path: null });
  }
  if (!changes.some((change) => change.path !== null) && !options.since) throw new Error(`no markdown pages under "${root || '.'}" in ${repo} (is --root the docs folder?)`);
  const newestPath = (path: string) => {
    let current = path;
    for (let seen = 0; renamedTo.has(current) && seen < 1000; seen++) current = renamedTo.get(current)!;
    return current;
  };
  const reader = catFile(repo, FEED_LIMITS.contentBytes);
  /** A page file's bytes at a commit, or null (with a warning naming them) when the feed cannot take them. */
  const pageAt = async (commit: string, path: string): Promise<Uint8Array | null> => {
    const content = await reader.read(`${commit}:${path}`);
    if (content === null) {
      // A partial or shallow clone: the page keeps its other versions, and the reader is told which is missing.
      options.onWarning?.(`${path} at ${commit.slice(0, 12)}: the repository does not have this file's content (a partial or shallow clone?); that version is left out`);
      return null;
    }
    if ('tooLarge' in content) {
      options.onWarning?.(`${path} at ${commit.slice(0, 12)}: ${(content.tooLarge / 1e6).toFixed(1)} MB, more than a feed version may hold (${FEED_LIMITS.contentBytes / 1024 / 1024} MB); that version is left out`);
      return null;
    }
    return content;
  };
  const jekyll = options.jekyllSite ? jekyllSiteReader(repo, folder, reader) : null;
  const version = (change: Change, path: string, markdown: string): SourceVersion => ({
    pageUrl: pageUrlFrom(options.urlTemplate, pagePath(newestPath(path), root, options.lowercasePaths)),
    time: change.time,
    type: 'markdown',
    content: new TextEncoder().encode(markdown),
    label: change.subject.slice(0, 500),
  });
  try {
    for (const change of changes) {
      if (change.path === null) {
        // The site's variables changed: every page that prints one may read differently now
        // (the builder skips those that do not).
        jekyll!.stale();
        for (const path of pagesPrintingSite(repo, change.commit, pageFiles)) {
          const content = await pageAt(change.commit, path);
          if (content) yield version(change, path, await jekyll!.expand(change.commit, decode(content)));
        }
        continue;
      }
      const content = await pageAt(change.commit, change.path);
      if (!content) continue;
      yield jekyll
        ? version(change, change.path, await jekyll.expand(change.commit, decode(content)))
        : { ...version(change, change.path, ''), content };
    }
  } finally {
    reader.close();
  }
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Page files at the commit whose text mentions `site.` (git grep, one process per site change). */
function pagesPrintingSite(repo: string, commit: string, pageFiles: string[]): string[] {
  try {
    return git(repo, ['grep', '-l', '-F', 'site.', commit, '--', ...pageFiles])
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(commit.length + 1));
  } catch {
    // git grep exits 1 when nothing matches.
    return [];
  }
}

/** The Jekyll site's variables, read again at the first commit that needs them after they changed. */
function jekyllSiteReader(repo: string, folder: string, reader: ReturnType<typeof catFile>) {
  let site: { [key: string]: SiteValue } | null = null;
  return {
    stale() {
      site = null;
    },
    async expand(commit: string, markdown: string): Promise<string> {
      if (!site) {
        const dataFiles = git(repo, ['ls-tree', '-r', '--name-only', commit, '--', `${folder}_data/`])
          .split('\n')
          .filter(Boolean)
          .map((path) => path.slice(folder.length));
        const texts = new Map<string, string | null>();
        for (const path of ['_config.yml', ...dataFiles]) {
          const content = await reader.read(`${commit}:${folder}${path}`);
          texts.set(path, content instanceof Uint8Array ? decode(content) : null);
        }
        site = loadJekyllSite({ read: (path) => texts.get(path) ?? null, dataFiles: () => dataFiles });
      }
      return expandSiteVariables(markdown, site);
    },
  };
}

export function headCommit(repo: string): string {
  return git(repo, ['rev-parse', 'HEAD']).trim();
}

/** What `catFile` read: an object's bytes, or that the repository lacks it, or its size when over the limit (its bytes skipped). */
type CatResult = Uint8Array | null | { tooLarge: number };

/**
 * A long-running `git cat-file --batch`: one object at a time, in order. Output is kept as a
 * list of chunks and joined once per object (joining at every chunk made a 50 MB file take
 * half a minute); an object over `maxBytes` is skipped as it streams past, never held.
 */
function catFile(repo: string, maxBytes: number) {
  const child = spawn('git', ['-C', repo, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  let length = 0;
  let waiting: (() => void) | null = null;
  child.stdout.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    length += chunk.length;
    waiting?.();
  });
  const need = async (test: () => boolean) => {
    while (!test()) await new Promise<void>((resolve) => (waiting = resolve));
    waiting = null;
  };
  /** Takes the first `count` bytes off the stream (joined only when `keep`). */
  const take = (count: number, keep: boolean): Buffer | null => {
    const parts: Buffer[] = [];
    let left = count;
    while (left > 0) {
      const head = chunks[0]!;
      const part = head.length <= left ? chunks.shift()! : head.subarray(0, left);
      if (head.length > left) chunks[0] = head.subarray(left);
      if (keep) parts.push(part);
      left -= part.length;
      length -= part.length;
    }
    return keep ? Buffer.concat(parts, count) : null;
  };
  const newlineAt = () => {
    let offset = 0;
    for (const chunk of chunks) {
      const at = chunk.indexOf(10);
      if (at >= 0) return offset + at;
      offset += chunk.length;
    }
    return -1;
  };
  return {
    async read(object: string): Promise<CatResult> {
      child.stdin.write(`${object}\n`);
      await need(() => newlineAt() >= 0);
      const header = take(newlineAt() + 1, true)!.toString().trimEnd();
      if (header.endsWith('missing')) return null;
      const size = Number(header.split(' ')[2]);
      // The object's bytes and the newline after them, dropped as they arrive when too large.
      if (size > maxBytes) {
        let left = size + 1;
        while (left > 0) {
          await need(() => length > 0);
          const count = Math.min(left, length);
          take(count, false);
          left -= count;
        }
        return { tooLarge: size };
      }
      await need(() => length >= size + 1);
      const content = new Uint8Array(take(size, true)!);
      take(1, false);
      return content;
    },
    close() {
      child.stdin.end();
    },
  };
}
