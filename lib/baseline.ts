import type { View } from './store/schema';

/** Views closer together than this are one visit: a reload is not a new visit. */
export const VISIT_GAP_MS = 30 * 60 * 1000;

/** Splits a page's views (oldest first) into visits. */
export function splitVisits(views: readonly View[]): View[][] {
  const visits: View[][] = [];
  let previous: View | undefined;
  for (const view of views) {
    const newVisit = !previous || previous.mark || view.first - previous.last >= VISIT_GAP_MS;
    if (newVisit) visits.push([view]);
    else visits.at(-1)!.push(view);
    previous = view;
  }
  return visits;
}

/**
 * The version to compare the current one against: the version the reader saw
 * on their previous visit; or, if the page changed during this visit, the
 * version seen just before the change. Null when there is nothing earlier.
 * The current view must be the last of `views`.
 */
export function chooseBaseline(views: readonly View[]): number | null {
  const current = views.at(-1);
  if (!current) return null;
  const visits = splitVisits(views);
  const thisVisit = visits.at(-1)!;
  for (let i = thisVisit.length - 1; i >= 0; i--) {
    if (thisVisit[i]!.version !== current.version) return thisVisit[i]!.version;
  }
  const seenBefore = visits.at(-2)?.at(-1)?.version;
  return seenBefore !== undefined && seenBefore !== current.version ? seenBefore : null;
}

/** Most views kept per page; older ones cannot matter to the baseline. */
export const MAX_VIEWS = 200;

/**
 * Adds a view of `version` at `now`, merging it into the last view when it continues it (over
 * the same kind of connection: a view over plain http stays apart, flagged `insecure`).
 */
export function addView(views: readonly View[], version: number, now: number, insecure = false): View[] {
  const last = views.at(-1);
  if (last && !last.mark && last.version === version && now - last.last < VISIT_GAP_MS && !!last.insecure === insecure) {
    return [...views.slice(0, -1), { ...last, last: now }];
  }
  return [...views, { version, first: now, last: now, ...(insecure ? { insecure: true as const } : {}) }].slice(-MAX_VIEWS);
}

/** The views an https visit may compare with: none seen over plain http. */
export function trustedViews(views: readonly View[], overHttps: boolean): readonly View[] {
  return overHttps ? views.filter((view) => !view.insecure) : views;
}

/** "Mark as seen": closes the visit at the current version. */
export function markSeen(views: readonly View[], version: number, now: number): View[] {
  return [...views, { version, first: now, last: now, mark: true as const }].slice(-MAX_VIEWS);
}
