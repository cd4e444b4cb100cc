import type { Follow } from './follow-record';
import { DAY_MS } from './follow-schedule';

/** What the site's changes look like to the notice: pages changed in the last seven days, and the newest change's date. */
export interface SiteWeek {
  pagesThisWeek: number;
  newestChange: number;
}

/**
 * Whether to tell the reader now that a followed site changed: they asked for it, something
 * changed since they last looked and since they were last told, and they were not told about
 * this site in the last day.
 */
export function shouldNotify(follow: Follow, week: SiteWeek, now: number): boolean {
  if (!follow.notify || week.pagesThisWeek === 0) return false;
  const told = follow.notifiedAt;
  if (told !== undefined && now - told < DAY_MS) return false;
  return week.newestChange > Math.max(follow.seenAt, told ?? 0);
}

/** The notification's id names the site it opens. */
export const NOTICE_PREFIX = 'docdelta-follow:';
