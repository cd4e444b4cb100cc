import { ARCHIVE_KINDS, alwaysKey } from '../history/archive-sources';
import type { DocDeltaDB } from './open-db';
import type { HistorySourceKind } from './schema';

/** Whether the overlay shows on a site's pages (the popup's "Highlights" switch); on by default. */
export async function highlightsOn(db: DocDeltaDB, siteId: string): Promise<boolean> {
  return (await db.get('settings', `highlights:${siteId}`))?.value !== false;
}

export async function setHighlights(db: DocDeltaDB, siteId: string, on: boolean): Promise<void> {
  await db.put('settings', { key: `highlights:${siteId}`, value: on });
}

/** Whether DocDelta tracks a built-in site (Options → Sites); on by default. */
export async function siteEnabled(db: DocDeltaDB, siteId: string): Promise<boolean> {
  return (await db.get('settings', `site-off:${siteId}`))?.value !== true;
}

export async function setSiteEnabled(db: DocDeltaDB, siteId: string, enabled: boolean): Promise<void> {
  if (enabled) await db.delete('settings', `site-off:${siteId}`);
  else await db.put('settings', { key: `site-off:${siteId}`, value: true });
}

/**
 * Whether a site's new pages are asked of a history source on a first visit without the
 * popup's click (Options → Sites, "always"); off by default, since each request names the page
 * to the host. One switch per source, kept as `history-archive:<site>`, `history-github:<site>`.
 */
export async function historyAlways(db: DocDeltaDB, siteId: string): Promise<HistorySourceKind[]> {
  const on = await Promise.all(ARCHIVE_KINDS.map(async (kind) => (await db.get('settings', alwaysKey(kind, siteId)))?.value === true));
  return ARCHIVE_KINDS.filter((_kind, i) => on[i]);
}

export async function setHistoryAlways(db: DocDeltaDB, siteId: string, kind: HistorySourceKind, on: boolean): Promise<void> {
  if (on) await db.put('settings', { key: alwaysKey(kind, siteId), value: true });
  else await db.delete('settings', alwaysKey(kind, siteId));
}
