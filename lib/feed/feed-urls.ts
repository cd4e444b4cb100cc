import { FeedError } from './feed-error';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A feed's own URL as a reader configured it: https, or plain http on this machine only. */
export function checkFeedUrl(href: string): URL {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    throw new FeedError(`"${href}" is not a URL`);
  }
  if (url.username || url.password) throw new FeedError('a feed URL cannot carry a user name or password', href);
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return url;
  throw new FeedError('feeds are fetched over https only (plain http only from localhost)', href);
}

/**
 * Resolves a URL found in a feed file against that file, and refuses anything
 * outside the feed: another origin, or a path above the folder of the index.
 */
export function resolveInFeed(reference: string, fileUrl: string, indexUrl: string): URL {
  const index = checkFeedUrl(indexUrl);
  let url: URL;
  try {
    url = new URL(reference, fileUrl);
  } catch {
    throw new FeedError(`"${reference}" is not a URL`, fileUrl);
  }
  const root = index.pathname.slice(0, index.pathname.lastIndexOf('/') + 1);
  if (url.origin !== index.origin || !url.pathname.startsWith(root) || url.username || url.password) {
    throw new FeedError(`"${reference}" points outside the feed`, fileUrl);
  }
  url.hash = '';
  return url;
}
