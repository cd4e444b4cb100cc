import { chooseBaseline } from '../baseline';
import { diffPages } from '../diff/diff-pages';
import { builtinSites } from '../sites/builtin-sites';
import type { DocDeltaDB } from '../store/open-db';
import { loadVersionBlocks } from '../store/page-history';
import type { PageRecord, StoredVersion } from '../store/schema';
import { originIn } from '../store/version-origins';
import type { Follow, FollowSourceKind } from '../follow/follow-record';
import { changedAt, changedSince, type ComparedTexts } from './followed-changes';

/**
 * "Since my last visit" (per page, as the overlay counts it), the last N days, since a time
 * (the changes page's "this week"), or, for a followed site, since the reader last looked.
 */
export type ChangesPeriod = { kind: 'last-visit' } | { kind: 'days'; days: number } | { kind: 'since'; at: number } | { kind: 'seen' };

/** A followed site as the changes page shows it: since when, and how each source is doing. */
export interface FollowedSite {
  followedAt: number;
  seenAt: number;
  sources: Array<{ kind: FollowSourceKind; lastCheck: number | null; error: string | null }>;
}

export interface PageChange {
  pageKey: string;
  url: string;
  title: string;
  addedWords: number;
  removedWords: number;
  /** Words of passages that moved (counted neither as added nor as removed). */
  movedWords: number;
  places: number;
  /** When the newer version appeared. */
  changedAt: number;
  /** Null: a page a followed site added in the period (everything in it is new). */
  fromVersionId: number | null;
  /** Null: a page a followed site removed in the period (everything in it is gone). */
  toVersionId: number | null;
}

export interface SiteChanges {
  siteId: string;
  siteName: string;
  pages: PageChange[];
  addedWords: number;
  removedWords: number;
  /** Null: the site is not followed (only pages the reader has are listed). */
  followed: FollowedSite | null;
}

/**
 * The pages of each site that changed in the period, newest change first, with words added
 * and removed: followed sites first (listed even when nothing changed), then the others with
 * the most recent change first. Periods are read from the versions' own dates (a commit's, a
 * capture's, a feed's), not from when DocDelta stored them.
 */
export async function siteChanges(db: DocDeltaDB, period: ChangesPeriod, now: number, follows: readonly Follow[] = []): Promise<SiteChanges[]> {
  const bySite = new Map<string, PageChange[]>(follows.map((follow) => [follow.siteId, []]));
  const followOf = new Map(follows.map((follow) => [follow.siteId, follow]));
  for (const page of await db.getAll('pages')) {
    const versions = (await db.getAllFromIndex('versions', 'byPage', page.key)).sort((a, b) => a.capturedAt - b.capturedAt);
    const pair = comparedPair(page, versions, period, now, followOf.get(page.siteId));
    if (!pair) continue;
    const blocksOf = (version: StoredVersion | null) => (version ? loadVersionBlocks(db, version.id!) : Promise.resolve([]));
    const diff = diffPages(await blocksOf(pair.from), await blocksOf(pair.to));
    if (diff.changes.length === 0) continue;
    const list = bySite.get(page.siteId) ?? [];
    list.push({
      pageKey: page.key, url: page.url, title: page.title || page.url,
      addedWords: diff.addedWords, removedWords: diff.removedWords, movedWords: diff.movedWords, places: diff.changes.length,
      changedAt: changedAt(page, pair), fromVersionId: pair.from?.id ?? null, toVersionId: pair.to?.id ?? null,
    });
    bySite.set(page.siteId, list);
  }
  const latest = (site: SiteChanges) => site.pages[0]?.changedAt ?? -Infinity;
  return [...bySite]
    .map(([siteId, pages]) => ({
      siteId,
      siteName: builtinSites.find((site) => site.id === siteId)?.name ?? siteId,
      pages: pages.sort((a, b) => b.changedAt - a.changedAt),
      addedWords: pages.reduce((n, p) => n + p.addedWords, 0),
      removedWords: pages.reduce((n, p) => n + p.removedWords, 0),
      followed: followedSite(followOf.get(siteId)),
    }))
    .sort((a, b) => Number(b.followed !== null) - Number(a.followed !== null) || latest(b) - latest(a));
}

function followedSite(follow: Follow | undefined): FollowedSite | null {
  if (!follow) return null;
  const sources = (Object.keys(follow.sources) as FollowSourceKind[]).map((kind) => ({ kind, lastCheck: follow.sources[kind]!.lastCheck, error: follow.sources[kind]!.error }));
  return { followedAt: follow.followedAt, seenAt: follow.seenAt, sources };
}

/** Which two versions of a page the period compares (oldest first in `versions`), or null. */
function comparedPair(page: PageRecord, versions: StoredVersion[], period: ChangesPeriod, now: number, follow: Follow | undefined): ComparedTexts | null {
  if (period.kind === 'days') return changedSince(page, versions, now - period.days * 24 * 3600e3);
  if (period.kind === 'since') return changedSince(page, versions, period.at);
  if (period.kind === 'seen') return follow ? changedSince(page, versions, follow.seenAt) : null;
  const newest = versions.at(-1);
  if (!newest) return null;
  const byId = (id: number | null | undefined) => versions.find((v) => v.id === id);
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

/** The blocks of two stored versions of one page (null: the page did not exist then, no blocks), or null when either is not a version of that page. */
export async function versionPair(db: DocDeltaDB, pageKey: string, fromId: number | null, toId: number | null) {
  const blocksOf = async (id: number | null) => {
    if (id === null) return [];
    return (await db.get('versions', id))?.pageKey === pageKey ? loadVersionBlocks(db, id) : null;
  };
  const [from, to] = await Promise.all([blocksOf(fromId), blocksOf(toId)]);
  return from && to ? ([from, to] as const) : null;
}
