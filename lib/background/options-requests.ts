import { browserScale, keepUnderBudget } from '../store/storage-budget';
import { browserHistoryUsage } from './browser-storage';
import { exportBackup } from '../backup/export-backup';
import type { Backup } from '../backup/backup-schema';
import { importBackup, parseBackup, type ImportReport } from '../backup/import-backup';
import { syncPageFromFeed } from '../feed/sync-page';
import { builtinSites } from '../sites/builtin-sites';
import type { DocDeltaDB } from '../store/open-db';
import { applyRetention, loadRetention, saveRetention, type Retention } from '../store/retention';
import { setSiteEnabled, siteEnabled } from '../store/settings';
import { clearEverything, clearSite, storageUsage } from '../store/storage-usage';
import { setFeed } from './feed-settings';
import { pageTimeline } from '../store/page-timeline';
import { compactHistory } from '../store/compact-history';
import { loadCustomSites } from '../store/custom-sites-store';
import { customSiteRule } from '../sites/custom-sites';
import { siteHistorySources } from './get-history';
import { feedCacheUsage } from '../store/fetched-files';
import type { FollowedSiteOptions, OptionsState, SiteOptions } from '../messages';
import { loadFollows } from '../store/follows-store';
import { findSiteById } from '../store/custom-sites-store';
import type { FollowSourceKind } from '../follow/follow-record';
import { DAY_MS } from '../follow/follow-schedule';
import { archiveSource } from '../history/archive-sources';

/** What the options page shows, in one request. */
export async function optionsState(db: DocDeltaDB): Promise<OptionsState> {
  const [feeds, usage, retention, estimate, feedCache] = await Promise.all([
    db.getAll('feeds'),
    storageUsage(db),
    loadRetention(db),
    navigator.storage?.estimate?.().catch(() => null) ?? null,
    feedCacheUsage(db),
  ]);
  // Figures in the browser's terms, as the budget is kept: DocDelta's count per site times what
  // the browser counts per byte of it, so the sites add up to the browser's own figure.
  const counted = usage.reduce((sum, site) => sum + site.bytes, 0);
  const scale = browserScale(estimate?.usage ? estimate.usage - feedCache.bytes : null, counted);
  const usageOf = (siteId: string) => {
    const used = usage.find((u) => u.siteId === siteId);
    return used ? { pages: used.pages, versions: used.versions, bytes: Math.round(used.bytes * scale) } : null;
  };
  const sites = await Promise.all(builtinSites.map(async (site): Promise<SiteOptions> => {
    const feed = feeds.find((f) => f.siteId === site.id);
    return {
      id: site.id,
      name: site.name,
      enabled: await siteEnabled(db, site.id),
      feed: feed ? { url: feed.url, lastSync: feed.lastSync, error: feed.error } : null,
      usage: usageOf(site.id),
      history: await siteHistorySources(db, site),
    };
  }));
  const customSites = await Promise.all((await loadCustomSites(db)).map(async (site) => ({ ...site, usage: usageOf(site.id), history: await siteHistorySources(db, customSiteRule(site)) })));
  return { sites, customSites, retention, estimate: estimate ? { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 } : null, feedCache, follows: await followedSites(db) };
}

/** Options' list of followed sites: each source, when it was last checked and how that went, and what it asked today. */
async function followedSites(db: DocDeltaDB): Promise<FollowedSiteOptions[]> {
  const today = Math.floor(Date.now() / DAY_MS);
  return Promise.all((await loadFollows(db)).map(async (follow) => ({
    siteId: follow.siteId,
    siteName: (await findSiteById(db, follow.siteId))?.name ?? follow.siteId,
    followedAt: follow.followedAt,
    notify: follow.notify === true,
    archive: follow.sources.archive !== undefined,
    notifiedAt: follow.notifiedAt ?? null,
    sources: (Object.keys(follow.sources) as FollowSourceKind[]).map((kind) => {
      const state = follow.sources[kind]!;
      return { kind, name: kind === 'feed' ? 'The feed' : archiveSource(kind).name, lastCheck: state.lastCheck, nextAt: state.nextAt, error: state.error, requestsToday: state.requests.find((entry) => entry.day === today)?.count ?? 0 };
    }),
  })));
}

/** "Sync now": every stored page of the site, from its feed. */
export async function syncSiteNow(db: DocDeltaDB, siteId: string, limit = 500): Promise<{ pages: number; added: number; error: string | null }> {
  const feed = await db.get('feeds', siteId);
  if (!feed) return { pages: 0, added: 0, error: 'This site has no feed.' };
  const pages = (await db.getAll('pages')).filter((page) => page.siteId === siteId).slice(0, limit);
  let added = 0;
  let error: string | null = null;
  for (const page of pages) {
    const outcome = await syncPageFromFeed(db, feed.url, { pageKey: page.key, url: page.url, title: page.title, siteId });
    if (outcome.status === 'synced') added += outcome.added;
    if (outcome.status === 'failed') {
      error = outcome.error;
      break;
    }
  }
  return { pages: pages.length, added, error };
}

/** Saves the limits and applies them at once: versions beyond them, then pages beyond the budget (never one in `onScreen`). */
export async function setRetention(db: DocDeltaDB, retention: Retention, now: number, onScreen: ReadonlySet<string> = new Set()): Promise<number> {
  await saveRetention(db, retention);
  let dropped = 0;
  for (const key of await db.getAllKeys('pages')) dropped += await applyRetention(db, key, retention, now);
  // Removing whole pages to meet a lower budget can take longer than Firefox keeps a message
  // waiting: it runs after the answer.
  afterAnswer(() => keepUnderBudget(db, Number.POSITIVE_INFINITY, retention.maxStorageMB * 1e6, onScreen, { now: Date.now() }, browserHistoryUsage(db)), 'applying the storage budget');
  return dropped;
}

/**
 * Work an options request starts and does not wait for, one piece after another: Firefox stops
 * an event page that keeps a message waiting too long (about 30 s), and packing a large import
 * or removing pages for a lower budget can take longer. If the background stops first, the next
 * visit or count does the same work.
 */
let pending: Promise<void> = Promise.resolve();
let running = 0;
function afterAnswer(work: () => Promise<unknown>, what: string): void {
  running++;
  pending = pending
    .then(work)
    .then(
      () => undefined,
      (error) => console.warn(`DocDelta: ${what} failed`, error),
    )
    .finally(() => running--);
}

/** Resolves when the work options requests left running is done. */
export const whenOptionsWorkDone = (): Promise<void> => pending;

/** Whether such work is still running (the background keeps itself awake meanwhile). */
export const optionsWorkRunning = (): boolean => running > 0;

export const optionsActions = {
  setFeed: (db: DocDeltaDB, siteId: string, url: string | null) => setFeed(db, siteId, url),
  setSiteEnabled,
  clearSite,
  clearEverything,
  exportBackup: (db: DocDeltaDB): Promise<Backup> => exportBackup(db, Date.now()),
  importBackup: async (db: DocDeltaDB, text: string): Promise<ImportReport> => {
    const backup = parseBackup(text);
    const report = await importBackup(db, backup);
    // Imported versions are stored whole: pack old text and count each version's words, page by page.
    // Only the keys are kept for that: the parsed file (every version's text) can go once answered.
    const keys = backup.pages.map((page) => page.key);
    afterAnswer(async () => {
      for (const key of keys) {
        await compactHistory(db, key);
        await pageTimeline(db, key);
      }
    }, 'tidying imported history');
    return report;
  },
};
