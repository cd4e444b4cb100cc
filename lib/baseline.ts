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

/** How a view came about: over plain http (View.insecure), by the page's own script (View.unopened). */
export interface ViewKind {
  insecure?: boolean;
  unopened?: boolean;
}

/**
 * Adds a view of `version` at `now`, merging it into the last view when it continues it and
 * came about the same way (a view over plain http, or one the reader did not open, stays apart).
 */
export function addView(views: readonly View[], version: number, now: number, kind: ViewKind = {}): View[] {
  const last = views.at(-1);
  const sameKind = last && !!last.insecure === !!kind.insecure && !!last.unopened === !!kind.unopened;
  if (last && sameKind && !last.mark && last.version === version && now - last.last < VISIT_GAP_MS) {
    return [...views.slice(0, -1), { ...last, last: now }];
  }
  const flags = { ...(kind.insecure ? { insecure: true as const } : {}), ...(kind.unopened ? { unopened: true as const } : {}) };
  return [...views, { version, first: now, last: now, ...flags }].slice(-MAX_VIEWS);
}

/** The views an https visit may compare with: none seen over plain http. */
export function trustedViews(views: readonly View[], overHttps: boolean): readonly View[] {
  return overHttps ? views.filter((view) => !view.insecure) : views;
}

/** "Mark as seen": closes the visit at the current version. */
export function markSeen(views: readonly View[], version: number, now: number): View[] {
  return [...views, { version, first: now, last: now, mark: true as const }].slice(-MAX_VIEWS);
}
