import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import type { Block } from '../../lib/blocks';
import { openDocDeltaDB, type DocDeltaDB } from '../../lib/store/open-db';
import { compactHistory } from '../../lib/store/compact-history';
import { loadPageVersions, loadVersionBlocks, recordVisit, type Capture } from '../../lib/store/page-history';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';
import { storedBytes } from '../support/stored-bytes';

let counter = 0;
const freshDB = () => openDocDeltaDB(`test-${++counter}-${Math.random()}`);

const capture = (pageKey: string, blocks: Block[], at: number): Capture => ({ pageKey, url: `https://${pageKey}`, title: 'T', siteId: 's', blocks, at });
const p = (text: string): Block => ({ kind: 'paragraph', level: 0, text });

describe('page history in IndexedDB', () => {
  test('an unchanged revisit stores nothing new', async () => {
    const db = await freshDB();
    await recordVisit(db, capture('a', [p('one'), p('two')], 1));
    const before = await counts(db);
    const again = await recordVisit(db, capture('a', [p('one'), p('two')], 2));
    expect(again.isNewVersion).toBe(false);
    expect(await counts(db)).toEqual(before);
  });

  test('identical blocks are stored once per page, across its versions', async () => {
    const db = await freshDB();
    await recordVisit(db, capture('a', [p('shared'), p('one')], 1));
    await recordVisit(db, capture('a', [p('shared'), p('one'), p('two'), p('two')], 2));
    expect((await counts(db)).blocks).toBe(3);
    await recordVisit(db, capture('b', [p('shared'), p('shared')], 3));
    expect((await counts(db)).blocks).toBe(4);
  });

  test('every version of a real page\'s history reads back exactly', async () => {
    const db = await freshDB();
    const page = loadCorpus().find((c) => c.slug === 'api-guide__schemas')!;
    const versions = page.versions.map((v) => corpusBlocks(page, v));
    const ids: number[] = [];
    let compactions = 0;
    for (const [i, blocks] of versions.entries()) {
      ids.push((await recordVisit(db, capture('schemas', blocks, i * 1000))).versionId);
      if (await compactHistory(db, 'schemas')) compactions++;
    }
    expect(compactions, 'old text was packed into archives').toBeGreaterThan(0);
    expect(await db.count('archives')).toBe(compactions);
    for (const [i, id] of ids.entries()) expect(await loadVersionBlocks(db, id)).toEqual(versions[i]);
    // Read all at once (the timeline's way: each version and delta step once), the same texts.
    const all = await loadPageVersions(db, 'schemas');
    expect([...all.keys()].sort((a, b) => a - b)).toEqual([...new Set(ids)].sort((a, b) => a - b));
    for (const [i, id] of ids.entries()) expect(all.get(id)).toEqual(versions[i]);
  });

  test('a full history, old text packed, costs at most twice its latest version', async () => {
    for (const page of loadCorpus()) {
      const history = await freshDB();
      const latest = await freshDB();
      const versions = page.versions.map((v) => corpusBlocks(page, v));
      for (const [i, blocks] of versions.entries()) {
        await recordVisit(history, capture(page.slug, blocks, i));
        await compactHistory(history, page.slug);
      }
      await recordVisit(latest, capture(page.slug, versions.at(-1)!, 0));
      const ratio = (await storedBytes(history)) / (await storedBytes(latest));
      expect(ratio, page.slug).toBeLessThanOrEqual(2);
    }
  });

  test('compaction that races a new version gives way and loses nothing', async () => {
    const db = await freshDB();
    const long = (n: number) => Array.from({ length: 40 }, (_, i) => p(`version ${n} paragraph ${i} `.repeat(20)));
    await recordVisit(db, capture('a', long(1), 1));
    const { versionId } = await recordVisit(db, capture('a', long(2), 2));
    const compacting = compactHistory(db, 'a');
    await recordVisit(db, capture('a', long(3), 3));
    await compacting;
    expect((await loadVersionBlocks(db, versionId)).map((b) => b.text)).toEqual(long(2).map((b) => b.text));
  });

  test('a failed write leaves nothing behind', async () => {
    const db = await freshDB();
    await recordVisit(db, capture('a', [p('one')], 1));
    const before = await counts(db);
    const broken = [p('two'), { kind: 'paragraph', level: 0, text: Symbol('not cloneable') } as unknown as Block];
    await expect(recordVisit(db, capture('a', broken, 2))).rejects.toThrow();
    expect(await counts(db)).toEqual(before);
    expect((await db.get('pages', 'a'))!.views).toHaveLength(1);
  });
});

async function counts(db: DocDeltaDB) {
  return { blocks: await db.count('blocks'), versions: await db.count('versions'), pages: await db.count('pages'), archives: await db.count('archives') };
}
