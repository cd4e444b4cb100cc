import type { WxtBrowser } from 'wxt/browser';
import { followedChangedPages, newestTimeOfSite, siteWeek } from '../changes/followed-changes';
import { NOTICE_PREFIX, shouldNotify } from '../follow/follow-notice';
import { browserTranslate, counted } from '../i18n';
import type { Follow, FollowSourceKind, SourceState } from '../follow/follow-record';
import { afterCheck, isDue, newSourceState } from '../follow/follow-schedule';
import { checkGithubFollow, type CheckOutcome, type FollowHost } from '../follow/github-follow';
import { checkFeedFollow } from '../follow/feed-follow';
import { checkArchiveFollow } from '../follow/archive-follow';
import { HistoryError } from '../history/history-error';
import { ARCHIVE_ORIGINS, GITHUB_ORIGINS } from '../history/history-offers';
import { RequestBudget } from '../history/request-budget';
import { findSiteById } from '../store/custom-sites-store';
import { deleteFollow, loadFollow, loadFollows, saveFollow, updateFollow } from '../store/follows-store';
import type { DocDeltaDB } from '../store/open-db';
import { storedRequestLog } from '../store/request-log-store';
import { HISTORY_REQUESTS_PER_HOUR } from './get-history';
import { answerCache, storeSourceVersions } from './history-from-source';
import { InvalidMessageError } from './validate';
import { keepUnderBudget } from '../store/storage-budget';
import { loadRetention } from '../store/retention';
import { browserHistoryUsage } from './browser-storage';
import { tabs } from './tabs';

/**
 * Checks share each archive's hourly budget with the reader's clicks (HISTORY_REQUESTS_PER_HOUR)
 * and stop at this many requests in the hour, so the reader's own "Get history" always has
 * some left; a check cut short resumes after the hour.
 */
export const FOLLOW_REQUESTS_PER_HOUR = HISTORY_REQUESTS_PER_HOUR - 20;

/** The one alarm that wakes the background to check followed sites (alarms outlive the worker and the browser). */
export const FOLLOW_ALARM = 'docdelta-follow';
const ALARM_MINUTES = 15;

/** What "Follow this site" asks of each source: GitHub needs its hosts granted (asked at the click). */
export async function followSite(browser: WxtBrowser, db: DocDeltaDB, siteId: string, now: number, options: { github?: boolean } = {}): Promise<Follow> {
  const site = await findSiteById(db, siteId);
  if (!site) throw new InvalidMessageError('DocDelta does not track that site');
  const sources: Follow['sources'] = {};
  if (site.github && options.github !== false && (await browser.permissions.contains({ origins: GITHUB_ORIGINS }))) sources.github = newSourceState(now);
  if (await db.get('feeds', siteId)) sources.feed = newSourceState(now);
  if (!sources.github && !sources.feed) throw new HistoryError(`DocDelta has no source to follow ${site.name} by: set its feed in Options, or allow GitHub for a site built from a repository DocDelta knows.`);
  const known = (await loadFollow(db, siteId)) ?? { siteId, followedAt: now, seenAt: now, sources };
  const follow: Follow = { ...known, sources: { ...sources, ...known.sources } };
  await saveFollow(db, follow);
  await ensureFollowAlarm(browser);
  return follow;
}

export async function unfollowSite(browser: WxtBrowser, db: DocDeltaDB, siteId: string): Promise<void> {
  await deleteFollow(db, siteId);
  await showFollowedCount(browser, db);
}

/** "Mark all as seen": the site's changes so far are no longer counted or listed as new. */
export async function markSiteSeen(browser: WxtBrowser, db: DocDeltaDB, siteId: string, now: number): Promise<void> {
  const newest = await newestTimeOfSite(db, siteId);
  await updateFollow(db, siteId, (follow) => ({ ...follow, seenAt: Math.max(now, newest) }));
  await showFollowedCount(browser, db);
}

/** The alarm exists while a site is followed (created again at each start: an update can clear it). */
export async function ensureFollowAlarm(browser: WxtBrowser): Promise<void> {
  if (!(await browser.alarms.get(FOLLOW_ALARM))) await browser.alarms.create(FOLLOW_ALARM, { periodInMinutes: ALARM_MINUTES, delayInMinutes: 1 });
}

/** A source whose hosts the reader revoked is no longer followed by it; a follow left with none is dropped. */
export async function dropRevokedSources(browser: WxtBrowser, db: DocDeltaDB): Promise<void> {
  const revoked = new Set<FollowSourceKind>();
  if (!(await browser.permissions.contains({ origins: GITHUB_ORIGINS }))) revoked.add('github');
  if (!(await browser.permissions.contains({ origins: ARCHIVE_ORIGINS }))) revoked.add('archive');
  for (const follow of await loadFollows(db)) {
    const kept = Object.fromEntries(Object.entries(follow.sources).filter(([kind]) => !revoked.has(kind as FollowSourceKind))) as Follow['sources'];
    if (Object.keys(kept).length === Object.keys(follow.sources).length) continue;
    if (Object.keys(kept).length === 0) await deleteFollow(db, follow.siteId);
    else await updateFollow(db, follow.siteId, (current) => ({ ...current, sources: kept }));
  }
  await showFollowedCount(browser, db);
}

/** Options' "Also the Internet Archive" for a followed site (its hosts granted from the click): its captures read once a day. */
export async function setFollowArchive(db: DocDeltaDB, siteId: string, on: boolean, now: number): Promise<void> {
  const changed = await updateFollow(db, siteId, (follow) => {
    const { archive, ...others } = follow.sources;
    return { ...follow, sources: on ? { ...others, archive: archive ?? newSourceState(now) } : others };
  });
  if (!changed) throw new InvalidMessageError('that site is not followed');
}

let running: Promise<void> = Promise.resolve();

/**
 * Every followed site's sources that are due, one after another (checks take turns: the alarm
 * and a click must not read the same commits twice at once). `now` is the alarm's time; the
 * end-to-end tests pass a simulated one.
 */
export function runFollowChecks(browser: WxtBrowser, db: DocDeltaDB, now: number): Promise<void> {
  running = running.then(() => checkAll(browser, db, now)).catch((error) => console.warn('DocDelta: checking followed sites failed', error));
  return running;
}

async function checkAll(browser: WxtBrowser, db: DocDeltaDB, now: number): Promise<void> {
  const [githubAllowed, archiveAllowed] = await Promise.all([GITHUB_ORIGINS, ARCHIVE_ORIGINS].map((origins) => browser.permissions.contains({ origins })));
  let changed = 0;
  for (const follow of await loadFollows(db)) {
    const site = await findSiteById(db, follow.siteId);
    const { github, feed, archive } = follow.sources;
    const stillWanted = (kind: FollowSourceKind) => async () => (await loadFollow(db, follow.siteId))?.sources[kind] !== undefined;
    const hostFor = (kind: 'github' | 'archive'): FollowHost => ({
      ask: { budget: new RequestBudget(FOLLOW_REQUESTS_PER_HOUR, () => now, storedRequestLog(db)), cache: answerCache(db), now: () => now },
      store: (page, versions) => storeSourceVersions(db, page, kind, versions),
      stillWanted: stillWanted(kind),
      // Where it got to, its schedule untouched: a worker stopped mid-check resumes there.
      keepProgress: async (state) => void (await updateFollow(db, follow.siteId, (current) => {
        const kept = current.sources[kind];
        return kept ? { ...current, sources: { ...current.sources, [kind]: { ...state, nextAt: kept.nextAt, lastCheck: kept.lastCheck, failures: kept.failures, error: kept.error, requests: kept.requests } } } : current;
      })),
    });
    // One source's failure, even one DocDelta did not foresee (storage full), is that source's
    // error: it backs off, and the other sources and sites are still checked.
    const check = async (kind: FollowSourceKind, state: SourceState, run: () => Promise<CheckOutcome>) => {
      const outcome = await run().catch((error: unknown): CheckOutcome => ({ state, pages: 0, requests: 0, error: new HistoryError(error instanceof Error ? error.message : String(error)) }));
      changed += outcome.pages;
      await recordCheck(db, follow.siteId, kind, now, outcome);
    };
    if (site?.github && github && githubAllowed && isDue(github, now)) await check('github', github, () => checkGithubFollow(db, { ...site, github: site.github! }, github, now, hostFor('github')));
    if (site && archive && archiveAllowed && isDue(archive, now)) await check('archive', archive, () => checkArchiveFollow(db, site, archive, now, hostFor('archive')));
    const feedRecord = feed && isDue(feed, now) ? await db.get('feeds', follow.siteId) : undefined;
    if (site && feed && feedRecord) {
      const pagesBefore = changed;
      await check('feed', feed, () => checkFeedFollow(db, feedRecord.url, site, feed, now, stillWanted('feed')));
      // A feed's pages are stored as a visit's sync stores them, which leaves the storage budget
      // to the visit; pages a check brought are counted against it here (GitHub's and the
      // archive's are, page by page, in storeSourceVersions). Never a page open in a tab.
      if (changed > pagesBefore) {
        await keepUnderBudget(db, Number.POSITIVE_INFINITY, (await loadRetention(db)).maxStorageMB * 1e6, tabs.openPages(), { now: Date.now(), site: follow.siteId }, browserHistoryUsage(db));
      }
    }
  }
  // The badge counts stored versions: it changes only when a check stored some.
  if (changed > 0) await showFollowedCount(browser, db);
  await tellReader(browser, db, now);
}

/**
 * "3 pages of Django REST framework changed this week": for each followed site the reader
 * asked to be told about, at most once a day, and only of changes since they last looked and
 * since they were last told. Clicking it opens the site's week (start-background.ts).
 */
async function tellReader(browser: WxtBrowser, db: DocDeltaDB, now: number): Promise<void> {
  const follows = (await loadFollows(db)).filter((follow) => follow.notify);
  if (follows.length === 0 || !(await browser.permissions.contains({ permissions: ['notifications'] })) || !browser.notifications) return;
  const t = browserTranslate((key, substitutions) => browser.i18n.getMessage(key as never, substitutions));
  for (const follow of follows) {
    // Told today: not again, so the site's pages need not be read.
    if (!shouldNotify(follow, { pagesThisWeek: 1, newestChange: Infinity }, now)) continue;
    const week = await siteWeek(db, follow.siteId, now);
    if (!shouldNotify(follow, week, now)) continue;
    const name = (await findSiteById(db, follow.siteId))?.name ?? follow.siteId;
    await browser.notifications.create(NOTICE_PREFIX + follow.siteId, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: t('noticeTitle', [name]),
      message: t('noticeMessage', [counted(t, week.pagesThisWeek, 'Page'), name]),
    });
    await updateFollow(db, follow.siteId, (current) => ({ ...current, notifiedAt: now }));
  }
}

/** Options' "Tell me when pages change" (the notifications permission asked at the reader's click). */
export async function setFollowNotify(browser: WxtBrowser, db: DocDeltaDB, siteId: string, on: boolean): Promise<void> {
  if (on && !(await browser.permissions.contains({ permissions: ['notifications'] }))) throw new HistoryError('The browser did not allow DocDelta to show notifications.');
  if (!(await updateFollow(db, siteId, (follow) => ({ ...follow, notify: on })))) throw new InvalidMessageError('that site is not followed');
}

/** Where the check got to and when to ask next, unless the reader unfollowed meanwhile. */
function recordCheck(db: DocDeltaDB, siteId: string, kind: FollowSourceKind, now: number, outcome: CheckOutcome) {
  const error = outcome.error && { message: outcome.error.message, retryAt: outcome.error.retryAt };
  return updateFollow(db, siteId, (follow) => {
    if (!follow.sources[kind]) return follow;
    return { ...follow, sources: { ...follow.sources, [kind]: afterCheck(kind, outcome.state, now, outcome.requests, error) } };
  });
}

/**
 * The toolbar badge for tabs with nothing of their own to count: how many followed pages
 * changed since the reader last looked (a tab's own count replaces it on that tab).
 */
export async function showFollowedCount(browser: WxtBrowser, db: DocDeltaDB): Promise<void> {
  const count = await followedChangedPages(db, await loadFollows(db));
  await browser.action.setBadgeText({ text: count > 999 ? '999+' : count > 0 ? String(count) : '' });
  if (count > 0) await browser.action.setBadgeBackgroundColor({ color: '#0969da' });
}
