/** One version of one page, as a source (snapshot folder, git history) yields it. */
export interface SourceVersion {
  pageUrl: string;
  /** ISO 8601 UTC. */
  time: string;
  type: 'markdown' | 'html' | 'text';
  content: Uint8Array;
  label?: string;
}

export const extensionOf = { markdown: 'md', html: 'html', text: 'txt' } as const;

export function typeOfFile(name: string): SourceVersion['type'] | null {
  if (/\.(md|mdx|markdown)$/i.test(name)) return 'markdown';
  if (/\.html?$/i.test(name)) return 'html';
  if (/\.txt$/i.test(name)) return 'text';
  return null;
}

/** Fills a URL template: `{path}` is the page's path ("api-guide/fields"). */
export function pageUrlFrom(template: string, path: string): string {
  if (!template.includes('{path}')) throw new Error('--url-template must contain {path}');
  const url = template.replace('{path}', path).replace(/([^:]\/)\/+/g, '$1');
  return new URL(url).href;
}
