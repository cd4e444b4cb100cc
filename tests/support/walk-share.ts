import type { BrowserName } from '../../harness/harness';

// The complete walks (every version of the seven DRF pages, every deploy of the generator
// histories) are what takes a test run's time. They are shared between the two browsers'
// runs, which go side by side: each browser walks a fixed share, balanced by versions, and
// together they walk every version once per `npm test`. What differs between browsers (the
// page's rendering, the drawing, the closed shadow roots) is walked in each on a good half of
// the pages and on every generator; the diff and the storage are the same code in both.
// DOCDELTA_E2E_WALK=each has every browser walk everything.

export const walkEverything = process.env.DOCDELTA_E2E_WALK === 'each';

/**
 * `browser`'s share of `items`, in their own order. Within each group (a generator, say), heaviest
 * first, the first two items go one to each browser and the rest each to the browser with less so
 * far: each browser gets every group of two items or more, and the loads stay even.
 */
export function shareOf<T>(items: readonly T[], browser: BrowserName, weight: (item: T) => number, groupOf: (item: T) => string = () => ''): T[] {
  if (walkEverything) return [...items];
  const load: Record<BrowserName, number> = { chromium: 0, firefox: 0 };
  const owner = new Map<T, BrowserName>();
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(groupOf(item), [...(groups.get(groupOf(item)) ?? []), item]);
  const lighter = (): BrowserName => (load.chromium <= load.firefox ? 'chromium' : 'firefox');
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => weight(b) - weight(a));
    sorted.forEach((item, index) => {
      const side = index === 1 ? (owner.get(sorted[0]!) === 'chromium' ? 'firefox' : 'chromium') : lighter();
      owner.set(item, side);
      load[side] += weight(item);
    });
  }
  return items.filter((item) => owner.get(item) === browser);
}

/** Says, for a run's log, which share of a walk this browser takes. */
export function shareNote<T>(all: readonly T[], share: readonly T[], browser: BrowserName): string {
  return walkEverything ? `${browser} walks all ${all.length}` : `${browser} walks ${share.length} of ${all.length} (the other browser the rest; DOCDELTA_E2E_WALK=each for all)`;
}
