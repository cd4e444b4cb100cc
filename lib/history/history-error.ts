/**
 * Why a history source could not give a page's versions, in words the popup shows as they
 * are ("The Internet Archive has no capture of this page"). `retryAt`: when asking again can
 * help (a rate limit or a 429's Retry-After), as a time in ms.
 */
export class HistoryError extends Error {
  override name = 'HistoryError';
  constructor(
    message: string,
    readonly retryAt: number | null = null,
  ) {
    super(message);
  }
}

/** The reader's click ran out of time (ArchiveHost.deadline): what came is kept, the rest is not asked for. */
export class ClickDeadlineError extends HistoryError {
  override name = 'ClickDeadlineError';
}
