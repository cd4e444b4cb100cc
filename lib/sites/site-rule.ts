import type { MarkdownDialect } from '../markdown/dialect';
import type { GithubSource } from './github-source';

/**
 * One docs site DocDelta knows. `matches` is a pure predicate over a URL and
 * `examples` lists URLs it must accept; the site-table test checks each rule
 * against its own examples and against every other rule's examples.
 */
export interface SiteRule {
  id: string;
  name: string;
  /** Match patterns for the manifest (content script injection). */
  patterns: string[];
  matches: (url: URL) => boolean;
  /** CSS selectors for the article element, most specific first. */
  contentRoots: string[];
  /** Elements inside the article that are not content (permalinks, buttons). */
  ignore?: string[];
  /**
   * Dates, times, counters and hashes are this site's content (release notes,
   * a changelog): a block that differs only in them is shown as changed.
   */
  volatileIsContent?: boolean;
  /**
   * Query parameters that name different pages on this site (`?lang=`, say). Every other
   * parameter is dropped from page keys, so `?highlight=` or tracking never splits a history.
   */
  keepQuery?: string[];
  /** How the site's markdown sources (a feed's versions) are written beyond CommonMark, GFM and MDX. */
  markdown?: MarkdownDialect;
  /** The public repository the site is built from: a history source the reader can ask (any site can ask the Internet Archive). */
  github?: GithubSource;
  examples: string[];
}

export const hostIs = (...hosts: string[]) => (url: URL) => hosts.includes(url.hostname);

export const hostAndPath =
  (host: string, path: RegExp) =>
  (url: URL): boolean =>
    url.hostname === host && path.test(url.pathname);
