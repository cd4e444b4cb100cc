import type { Follow } from '../follow/follow-record';
import type { DocDeltaDB } from '../store/open-db';
import type { PageRecord, StoredVersion } from '../store/schema';

/**
 * The earliest time anything attests a version's text: a visit's capture, or the time a feed,
 * an archive or a commit gives it. A text the reader saw yesterday that a commit shows was
 * there last week was the page's text last week.
 */
export function attestedTime(version: Pick<StoredVersion, 'capturedAt' | 'origins'>): number {
  return Math.min(version.capturedAt, ...(version.origins ?? []).map((tag) => tag.time));
}

/** A page's versions as they followed one another, by their own dates. */
export function inOrder(versions: readonly StoredVersion[]): StoredVersion[] {
  return [...versions].sort((a, b) => attestedTime(a) - attestedTime(b) || a.id! - b.id!);
}

/** The text a page had at `start` (a version dated exactly then was the page then) and its newest, when the newest came after `start` and differs. */
export function pairSince(versions: readonly StoredVersion[], start: number): { from: StoredVersion; to: StoredVersion } | null {
  const ordered = inOrder(versions);
  const newest = ordered.at(-1);
  if (!newest || attestedTime(newest) <= start) return null;
  const before = ordered.filter((version) => attestedTime(version) <= start).at(-1);
  return before && before.id !== newest.id ? { from: before, to: newest } : null;
}

/** Two texts of a page a period compares; null on one side: the page did not exist then (added, or removed). */
export type ComparedTexts = { from: StoredVersion | null; to: StoredVersion | null };

/**
 * What a period starting at `start` compares for a page: its text then and its newest; for a
 * page a followed site's source says came to be after `start` (PageRecord.createdAt), nothing and
 * its newest (all of it is new); for one it says went after `start` (removedAt), its text then
 * and nothing (all of it removed). A page that came and went within the period is no change.
 */
export function changedSince(page: Pick<PageRecord, 'createdAt' | 'removedAt'>, versions: readonly StoredVersion[], start: number): ComparedTexts | null {
  const ordered = inOrder(versions);
  if (page.removedAt !== undefined) {
    if (page.removedAt <= start) return null;
    const before = ordered.filter((version) => attestedTime(version) <= start).at(-1);
    return before ? { from: before, to: null } : null;
  }
  const pair = pairSince(versions, start);
  if (pair) return pair;
  const newest = ordered.at(-1);
  return newest && page.createdAt !== undefined && page.createdAt > start && attestedTime(newest) > start ? { from: null, to: newest } : null;
}

/** When a compared pair's change happened: its newer text's date, or when the page went. */
export function changedAt(page: Pick<PageRecord, 'removedAt'>, texts: ComparedTexts): number {
  return texts.to ? attestedTime(texts.to) : page.removedAt ?? 0;
}

/** How many pages of the followed sites changed since the reader last looked at each site (the badge's count). */
export async function followedChangedPages(db: DocDeltaDB, follows: readonly Follow[]): Promise<number> {
  if (follows.length === 0) return 0;
  const seenAt = new Map(follows.map((follow) => [follow.siteId, follow.seenAt]));
  let count = 0;
  for (const page of await db.getAll('pages')) {
    const since = seenAt.get(page.siteId);
    if (since === undefined) continue;
    if (changedSince(page, await db.getAllFromIndex('versions', 'byPage', page.key), since)) count++;
  }
  return count;
}

/**
 * The newest date any version of a site's pages carries: "Mark all as seen" is at least then, so
 * a commit dated ahead of the reader's clock is not new again after it.
 */
export async function newestTimeOfSite(db: DocDeltaDB, siteId: string): Promise<number> {
  let newest = 0;
  for (const page of await db.getAll('pages')) {
    if (page.siteId !== siteId) continue;
    for (const version of await db.getAllFromIndex('versions', 'byPage', page.key)) newest = Math.max(newest, attestedTime(version));
  }
  return newest;
}

/** A followed site's last seven days at `now`: how many pages changed, and the newest change's date (for the notice). */
export async function siteWeek(db: DocDeltaDB, siteId: string, now: number): Promise<{ pagesThisWeek: number; newestChange: number }> {
  let pagesThisWeek = 0;
  let newestChange = 0;
  for (const page of await db.getAll('pages')) {
    if (page.siteId !== siteId) continue;
    const pair = changedSince(page, await db.getAllFromIndex('versions', 'byPage', page.key), now - 7 * 24 * 3600e3);
    if (!pair) continue;
    pagesThisWeek++;
    newestChange = Math.max(newestChange, changedAt(page, pair));
  }
  return { pagesThisWeek, newestChange };
}
