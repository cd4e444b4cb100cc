import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import type { Block } from '../../lib/blocks';
import { openDocDeltaDB, type DocDeltaDB } from '../../lib/store/open-db';
import { loadVersionBlocks, recordVisit, type Capture } from '../../lib/store/page-history';
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

  test('identical blocks are stored once, across versions and pages', async () => {
    const db = await freshDB();
    await recordVisit(db, capture('a', [p('shared'), p('one')], 1));
    await recordVisit(db, capture('a', [p('shared'), p('one'), p('two')], 2));
    await recordVisit(db, capture('b', [p('shared'), p('shared')], 3));
    expect((await counts(db)).blocks).toBe(3);
  });

  test('every version of a real page\'s history reads back exactly', async () => {
    const db = await freshDB();
    const page = loadCorpus().find((c) => c.slug === 'api-guide__schemas')!;
    const versions = page.versions.map((v) => corpusBlocks(page, v));
    const ids: number[] = [];
    for (const [i, blocks] of versions.entries()) ids.push((await recordVisit(db, capture('schemas', blocks, i * 1000))).versionId);
    for (const [i, id] of ids.entries()) expect(await loadVersionBlocks(db, id)).toEqual(versions[i]);
  });

  test('a full history costs one copy of each distinct block plus a small record per version', async () => {
    for (const page of loadCorpus()) {
      const history = await freshDB();
      const versions = page.versions.map((v) => corpusBlocks(page, v));
      for (const [i, blocks] of versions.entries()) await recordVisit(history, capture(page.slug, blocks, i));
      // The same distinct blocks, stored as one version: the floor any history of this page can reach.
      const floor = await freshDB();
      const distinct = new Map(versions.flat().map((b) => [`${b.kind}|${b.level}|${b.text}`, b]));
      await recordVisit(floor, capture(page.slug, [...distinct.values()], 0));
      const overhead = (await storedBytes(history)) - (await storedBytes(floor));
      expect(overhead / versions.length, `${page.slug}: bytes per extra version`).toBeLessThan(400);
    }
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
  return { blocks: await db.count('blocks'), versions: await db.count('versions'), pages: await db.count('pages') };
}
