/** A feed problem, worded for the reader who configured the feed. */
export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    message: string,
    /** The file the problem is in. */
    readonly url?: string,
  ) {
    super(url ? `${message} (${url})` : message);
  }
}
