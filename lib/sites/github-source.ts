/**
 * Where a docs site's pages are written: a public GitHub repository, the branch the site is
 * built from, and the source files a page's address can come from (most likely first: a
 * generator may build `/guide/` from `guide.md` or `guide/index.md`; the history source asks
 * for each until one has commits). `examples` pairs real addresses with their real files; the
 * site-table test checks every one.
 */
export interface GithubSource {
  /** owner/name */
  repo: string;
  branch: string;
  files: (url: URL) => string[];
  /** The folder the site's pages are written in (the site-wide view lists what changed under it). */
  folder: string;
  /** The page a source file builds, or null when it builds none (an include, an image); the examples hold both ways. */
  pageOf: (file: string) => string | null;
  examples: Array<[url: string, file: string]>;
}

/** The address's path after `prefix`, decoded, without empty segments; null when it is not under `prefix` or climbs out. */
export function pathUnder(url: URL, prefix = '/'): string | null {
  if (!url.pathname.startsWith(prefix)) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname.slice(prefix.length));
  } catch {
    return null;
  }
  const parts = path.split('/').filter((part) => part !== '');
  // A path that climbs out of the docs folder names no file of it.
  return parts.some((part) => part === '..' || part === '.') ? null : parts.join('/');
}

/** MkDocs, Hugo, Jekyll and most markdown generators: `/a/b/` from `root/a/b.md` or `root/a/b/index.md`. */
export function markdownFiles(root: string, path: string | null, extensions: readonly string[] = ['md']): string[] {
  if (path === null) return [];
  const base = root ? `${root}/` : '';
  if (path === '') return extensions.map((ext) => `${base}index.${ext}`);
  return [...extensions.map((ext) => `${base}${path}.${ext}`), ...extensions.map((ext) => `${base}${path}/index.${ext}`)];
}

/**
 * The inverse of markdownFiles: `root/a/b.md` or `root/a/b/index.md` (or `_index.md`) as the
 * page `origin/a/b/` (`slash`: whether the site's addresses end in one); null outside `root`
 * or for a file that is not markdown.
 */
export function markdownPage(origin: string, root: string, file: string, options: { slash: boolean; extensions?: readonly string[] }): string | null {
  const base = root ? `${root}/` : '';
  if (!file.startsWith(base)) return null;
  const extension = (options.extensions ?? ['md']).find((ext) => file.endsWith(`.${ext}`));
  if (!extension) return null;
  const parts = file.slice(base.length, -extension.length - 1).split('/');
  if (parts.at(-1) === 'index' || parts.at(-1) === '_index') parts.pop();
  // A file under an underscore folder or named with one (_includes, _data) builds no page of its own.
  if (parts.some((part) => part.startsWith('_') || part === '')) return null;
  const path = parts.join('/');
  return `${origin}/${path}${path && options.slash ? '/' : ''}`;
}
