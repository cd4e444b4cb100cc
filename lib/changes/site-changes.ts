import { chooseBaseline } from '../baseline';
import { diffPages } from '../diff/diff-pages';
import { builtinSites } from '../sites/builtin-sites';
import type { DocDeltaDB } from '../store/open-db';
import { loadVersionBlocks } from '../store/page-history';
import type { PageRecord, StoredVersion } from '../store/schema';
import { originIn } from '../store/version-origins';

/** "Since my last visit" (per page, as the overlay counts it), or the last N days. */
export type ChangesPeriod = { kind: 'last-visit' } | { kind: 'days'; days: number };

export interface PageChange {
  pageKey: string;
  url: string;
  title: string;
  addedWords: number;
  removedWords: number;
  places: number;
  /** When the newer version appeared. */
  changedAt: number;
  fromVersionId: number;
  toVersionId: number;
}

export interface SiteChanges {
  siteId: string;
  siteName: string;
  pages: PageChange[];
  addedWords: number;
  removedWords: number;
}

/**
 * The pages of each site that changed in the period, newest change first,
 * with words added and removed; sites with the most recent change first.
 */
export async function siteChanges(db: DocDeltaDB, period: ChangesPeriod, now: number): Promise<SiteChanges[]> {
  const bySite = new Map<string, PageChange[]>();
  for (const page of await db.getAll('pages')) {
    const versions = (await db.getAllFromIndex('versions', 'byPage', page.key)).sort((a, b) => a.capturedAt - b.capturedAt);
    const pair = comparedPair(page, versions, period, now);
    if (!pair) continue;
    const diff = diffPages(await loadVersionBlocks(db, pair.from.id!), await loadVersionBlocks(db, pair.to.id!));
    if (diff.changes.length === 0) continue;
    const list = bySite.get(page.siteId) ?? [];
    list.push({
      pageKey: page.key, url: page.url, title: page.title || page.url,
      addedWords: diff.addedWords, removedWords: diff.removedWords, places: diff.changes.length,
      changedAt: pair.to.capturedAt, fromVersionId: pair.from.id!, toVersionId: pair.to.id!,
    });
    bySite.set(page.siteId, list);
  }
  return [...bySite]
    .map(([siteId, pages]) => ({
      siteId,
      siteName: builtinSites.find((site) => site.id === siteId)?.name ?? siteId,
      pages: pages.sort((a, b) => b.changedAt - a.changedAt),
      addedWords: pages.reduce((n, p) => n + p.addedWords, 0),
      removedWords: pages.reduce((n, p) => n + p.removedWords, 0),
    }))
    .sort((a, b) => b.pages[0]!.changedAt - a.pages[0]!.changedAt);
}

/** Which two versions of a page the period compares (oldest first in `versions`), or null. */
function comparedPair(page: PageRecord, versions: StoredVersion[], period: ChangesPeriod, now: number) {
  const newest = versions.at(-1);
  if (!newest) return null;
  const byId = (id: number | null | undefined) => versions.find((v) => v.id === id);
  if (period.kind === 'last-visit') {
    const lastSeen = byId(page.views.at(-1)?.version);
    // A feed brought something newer than what the reader last saw: that is the change.
    if (lastSeen && lastSeen.id !== newest.id && newest.capturedAt > lastSeen.capturedAt) return { from: lastSeen, to: newest };
    // Otherwise what the overlay showed (or shows) on this page: since the previous visit,
    // or, on a first visit, since the version before it that a feed provided.
    const firstVisitFromFeed = page.views.length === 1 && !page.views[0]!.mark && lastSeen
      ? versions.filter((v) => v.id !== lastSeen.id && (originIn(v, 'feed')?.time ?? Infinity) < (originIn(lastSeen, 'feed')?.time ?? lastSeen.capturedAt)).at(-1)
      : undefined;
    const baseline = byId(chooseBaseline(page.views)) ?? firstVisitFromFeed;
    return baseline && lastSeen ? { from: baseline, to: lastSeen } : null;
  }
  const start = now - period.days * 24 * 3600e3;
  if (newest.capturedAt < start) return null;
  const before = versions.filter((v) => v.capturedAt < start).at(-1);
  return before ? { from: before, to: newest } : null;
}

/** The blocks of two stored versions of one page, or null when either is not a version of that page. */
export async function versionPair(db: DocDeltaDB, pageKey: string, fromId: number, toId: number) {
  const [from, to] = await Promise.all([db.get('versions', fromId), db.get('versions', toId)]);
  if (from?.pageKey !== pageKey || to?.pageKey !== pageKey) return null;
  return Promise.all([loadVersionBlocks(db, fromId), loadVersionBlocks(db, toId)]);
}
