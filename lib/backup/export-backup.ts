import type { BlockKind } from '../blocks';
import type { DocDeltaDB } from '../store/open-db';
import type { PageRecord } from '../store/schema';
import { loadVersionBlocks } from '../store/page-history';
import { BACKUP_FORMAT_VERSION, type Backup, type BackupPage } from './backup-schema';

/** Everything DocDelta stored, as one portable file (versions as text, not as storage ids). */
export async function exportBackup(db: DocDeltaDB, now: number): Promise<Backup> {
  const pages: BackupPage[] = [];
  for (const page of await db.getAll('pages')) {
    const exported = await exportPage(db, page);
    if (exported) pages.push(exported);
  }
  const feeds = (await db.getAll('feeds')).map((feed) => ({ siteId: feed.siteId, url: feed.url }));
  const settings = (await db.getAll('settings')).filter((s): s is { key: string; value: boolean | number | string } => ['boolean', 'number', 'string'].includes(typeof s.value));
  return { format: 'docdelta-backup', version: BACKUP_FORMAT_VERSION, exportedAt: now, pages, feeds, settings };
}

/** One page's history as text, or null when it holds no version. */
export async function exportPage(db: DocDeltaDB, page: PageRecord): Promise<BackupPage | null> {
  const versions = (await db.getAllFromIndex('versions', 'byPage', page.key)).sort((a, b) => a.capturedAt - b.capturedAt);
  const blocks: BackupPage['blocks'] = [];
  const blockIndex = new Map<string, number>();
  const versionIndex = new Map<number, number>();
  const out: BackupPage['versions'] = [];
  for (const version of versions) {
    const indexes = (await loadVersionBlocks(db, version.id!)).map((block) => {
      const key = `${block.kind}\u0000${block.level}\u0000${block.text}`;
      let index = blockIndex.get(key);
      if (index === undefined) {
        index = blocks.push([block.kind as BlockKind, block.level, block.text]) - 1;
        blockIndex.set(key, index);
      }
      return index;
    });
    versionIndex.set(version.id!, out.length);
    out.push({ capturedAt: version.capturedAt, source: version.source, ...(version.origins?.length ? { origins: version.origins } : {}), blocks: indexes });
  }
  if (out.length === 0) return null;
  const views = page.views
    .filter((view) => versionIndex.has(view.version))
    .map((view) => ({ version: versionIndex.get(view.version)!, first: view.first, last: view.last, ...(view.mark ? { mark: true as const } : {}), ...(view.insecure ? { insecure: true as const } : {}) }));
  return { key: page.key, url: page.url, title: page.title, siteId: page.siteId, blocks, versions: out, views };
}
