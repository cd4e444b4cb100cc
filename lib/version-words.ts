import { formatDate, formatDateTime } from './format-time';
import type { Translate } from './i18n';
import type { VersionSource } from './store/schema';
import { archiveSource } from './history/archive-sources';

/**
 * What the reader is shown for a version's origin and for "changes since …", the same in the
 * popup, the overlay and the changes page: a visit by its date and time, a published version
 * (feed, archive capture, commit) by its date.
 */
export function sourceName(source: VersionSource, t: Translate, alsoInFeed = false): string {
  if (source === 'visit') return t(alsoInFeed ? 'sourceVisitAndFeed' : 'sourceVisit');
  return t(source === 'feed' ? 'sourceFeed' : archiveSource(source).words.source);
}

export interface BaselineWords {
  source: VersionSource;
  capturedAt: number;
  unmatched?: boolean;
}

/** "your last visit (…)", "the feed version of …", "the Internet Archive's capture of …", "the repository's version of …". */
export function sinceBaseline(baseline: BaselineWords, t: Translate, visitKey: 'sinceVisit' | 'sinceVisitOverlay', locale?: string): string {
  if (baseline.source === 'visit') return t(visitKey, [formatDateTime(baseline.capturedAt, locale)]);
  const date = formatDate(baseline.capturedAt, locale);
  if (baseline.source === 'feed') return t(baseline.unmatched ? 'sinceFeedUnmatched' : 'sinceFeed', [date]);
  return t(archiveSource(baseline.source).words.since, [date]);
}
