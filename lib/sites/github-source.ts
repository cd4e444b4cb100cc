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
