import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { chooseBaseline } from '../../lib/baseline';
import { openDocDeltaDB } from '../../lib/store/open-db';
import { compactHistory } from '../../lib/store/compact-history';
import { loadVersionBlocks, recordVisit } from '../../lib/store/page-history';
import { applyRetention } from '../../lib/store/retention';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';
import { storedBytes } from '../support/stored-bytes';

const page = loadCorpus().find((p) => p.slug === 'api-guide__permissions')!;
const KEY = 'www.django-rest-framework.org/api-guide/permissions';
const DAY = 864e5;
const start = Date.UTC(2024, 0, 1);

async function history(name: string) {
  const db = await openDocDeltaDB(name);
  for (const [i, version] of page.versions.entries()) {
    await recordVisit(db, { pageKey: KEY, url: page.url, title: 'Permissions', siteId: 'django-rest-framework', blocks: corpusBlocks(page, version), at: start + i * DAY });
    // As after every visit that brings a new version.
    await compactHistory(db, KEY);
  }
  return db;
}

const texts = async (db: Awaited<ReturnType<typeof history>>) => {
  const versions = (await db.getAllFromIndex('versions', 'byPage', KEY)).sort((a, b) => a.capturedAt - b.capturedAt);
  return Promise.all(versions.map(async (v) => [v.capturedAt, (await loadVersionBlocks(db, v.id!)).map((b) => b.text).join('\n')] as const));
};

describe('retention', () => {
  test('keeps the newest versions, each exactly as it was, and frees the text only dropped versions used', async () => {
    const db = await history('retention-1');
    const before = await texts(db);
    const storedBefore = await storedBytes(db);
    const baselineBefore = chooseBaseline((await db.get('pages', KEY))!.views);
    const dropped = await applyRetention(db, KEY, { maxVersions: 10, maxAgeDays: 0, maxStorageMB: 0 }, start + 1000 * DAY);
    expect(dropped).toBe(before.length - 10);
    expect(await texts(db)).toEqual(before.slice(-10));
    expect(await storedBytes(db)).toBeLessThan(storedBefore * 0.9);
    const page = (await db.get('pages', KEY))!;
    expect(chooseBaseline(page.views)).toBe(baselineBefore);
    expect(page.views.every((view) => view.version !== undefined)).toBe(true);
  });

  test('an age limit drops what is older, but never the page\'s current version or its baseline', async () => {
    const db = await history('retention-2');
    const before = await texts(db);
    const now = start + (page.versions.length + 1) * DAY;
    await applyRetention(db, KEY, { maxVersions: 1000, maxAgeDays: 5, maxStorageMB: 0 }, now);
    const after = await texts(db);
    expect(after).toEqual(before.filter(([time]) => now - time <= 5 * DAY));
    // Even a limit of one version keeps the current version and its baseline.
    const stored = (await db.get('pages', KEY))!;
    const needed = new Set([stored.latestVersion, chooseBaseline(stored.views)]);
    await applyRetention(db, KEY, { maxVersions: 1, maxAgeDays: 0, maxStorageMB: 0 }, now);
    const left = await db.getAllFromIndex('versions', 'byPage', KEY);
    expect(new Set(left.map((v) => v.id))).toEqual(new Set([...needed].filter((id) => id !== null)));
  });
});
