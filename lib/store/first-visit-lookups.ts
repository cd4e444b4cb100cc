import { writeTransaction, type DocDeltaDB } from './open-db';

/** One first visit on which DocDelta asked a site's archives for the page's history. */
interface Lookup {
  site: string;
  page: string;
  at: number;
}

/** A page whose archives were asked is not asked again for a day, however often it is reloaded. */
export const FIRST_VISIT_RETRY_MS = 24 * 60 * 60 * 1000;
/** At most this many pages of one site an hour: a page inventing addresses cannot make DocDelta a crawler. */
export const FIRST_VISIT_LOOKUPS_PER_SITE_HOUR = 20;
const HOUR_MS = 60 * 60 * 1000;
/** However many sites: the list stays small. */
const MAX_KEPT = 5000;

/**
 * The first visits that asked archives ("Always ask", Options), in the settings store under one
 * key. Its value is an object, so backups never carry it.
 */
const KEY = 'first-visit-lookups';

/**
 * Whether a first visit to `page` of `site` may ask the site's archives now, recorded in the
 * same transaction when it may: not when this page was asked within a day (its sources may
 * all have failed; a reload does not ask again), nor past the site's hourly number of pages.
 */
export async function claimFirstVisitLookup(db: DocDeltaDB, site: string, page: string, now: number): Promise<boolean> {
  const tx = writeTransaction(db, ['settings']);
  const store = tx.objectStore('settings');
  const stored = (await store.get(KEY))?.value;
  const lookups = (Array.isArray(stored) ? (stored as unknown[]).filter(isLookup) : []).filter((lookup) => lookup.at > now - FIRST_VISIT_RETRY_MS && lookup.at <= now);
  const askedLately = lookups.some((lookup) => lookup.site === site && lookup.page === page);
  const thisHour = lookups.filter((lookup) => lookup.site === site && lookup.at > now - HOUR_MS).length;
  const may = !askedLately && thisHour < FIRST_VISIT_LOOKUPS_PER_SITE_HOUR;
  if (may) lookups.push({ site, page, at: now });
  await store.put({ key: KEY, value: lookups.slice(-MAX_KEPT) });
  await tx.done;
  return may;
}

function isLookup(value: unknown): value is Lookup {
  const lookup = value as Partial<Lookup> | null;
  return !!lookup && typeof lookup.site === 'string' && typeof lookup.page === 'string' && typeof lookup.at === 'number';
}
