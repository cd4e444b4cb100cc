import type { contentBlocks } from './content-blocks';
import type { articleBlocks } from './html-blocks';

/**
 * The readers of what DocDelta did not see itself: a feed's versions, an archive's captures,
 * a repository's files (HTML through linkedom, markdown through markdown-it). They are half
 * the background's code and a page visit never needs them, so the background loads them as a
 * script of their own the first time a feed, an archive or a site's selector asks
 * (lib/background/readers-script.ts); Node (the feed builder, tests) gives them directly.
 */
export interface PublishedReaders {
  contentBlocks: typeof contentBlocks;
  articleBlocks: typeof articleBlocks;
  /** Throws when `selector` is not one a document can run (a site's content selector). */
  parseSelector: (selector: string) => void;
}

let loader: (() => Promise<PublishedReaders>) | null = null;

/** Says where the readers come from; the shell calls it once as it starts. */
export function provideReaders(load: () => Promise<PublishedReaders>): void {
  loader = load;
}

/** The readers, loaded at the first call. */
export function publishedReaders(): Promise<PublishedReaders> {
  if (!loader) return Promise.reject(new Error('DocDelta was started without its readers (provideReaders)'));
  return loader();
}
