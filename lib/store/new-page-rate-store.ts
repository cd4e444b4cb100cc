import type { DocDeltaDB } from './open-db';

/** Where the per-site windows of new pages outlive the background (MV3 stops an idle worker after 30 s). */
export interface RateStore {
  load: () => Promise<Record<string, number[]> | undefined>;
  save: (sites: Record<string, number[]>) => Promise<void>;
}

/**
 * The per-site windows of new pages, in the settings store under one key. Its value is an
 * object, so backups (which carry only plain setting values) never export or import it.
 */
const KEY = 'new-page-rate';

export const newPageRateStore = (db: DocDeltaDB): RateStore => ({
  load: async () => (await db.get('settings', KEY))?.value as Record<string, number[]> | undefined,
  save: async (sites) => {
    await db.put('settings', { key: KEY, value: sites });
  },
});
