import type { DocDeltaDB } from './open-db';

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
