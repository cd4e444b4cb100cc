import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { handleCompareWith } from '../../lib/background/compare-with';
import { pageTimeline } from '../../lib/store/page-timeline';
import { InvalidMessageError } from '../../lib/background/validate';
import { openDocDeltaDB } from '../../lib/store/open-db';
import { recordVisit } from '../../lib/store/page-history';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';

const [first, second] = loadCorpus().filter((p) => ['api-guide__fields', 'api-guide__filtering'].includes(p.slug));
const site = 'django-rest-framework';
const keyOf = (url: string) => url.replace(/^https:\/\//, '').replace(/\/$/, '');

describe('comparing a page with a version the reader chose', () => {
  test('any stored version of the page can be the baseline; the timeline lists them newest first', async () => {
    const db = await openDocDeltaDB('compare-1');
    const versions = first!.versions.slice(-3);
    const visits = [];
    for (const [i, version] of versions.entries()) {
      visits.push(await recordVisit(db, { pageKey: keyOf(first!.url), url: first!.url, title: 'Fields', siteId: site, blocks: corpusBlocks(first!, version), at: 1000 + i }));
    }
    const timeline = await pageTimeline(db, keyOf(first!.url));
    expect(timeline.map((entry) => entry.versionId)).toEqual(visits.map((v) => v.versionId).reverse());
    expect(timeline.every((entry) => entry.source === 'visit' && !entry.inFeed)).toBe(true);

    const live = corpusBlocks(first!, versions.at(-1)!);
    const againstOldest = await handleCompareWith(db, { url: first!.url, blocks: live, versionId: visits[0]!.versionId });
    const againstItself = await handleCompareWith(db, { url: first!.url, blocks: live, versionId: visits[2]!.versionId });
    expect(againstOldest.baseline).toEqual({ versionId: visits[0]!.versionId, capturedAt: 1000, source: 'visit' });
    expect(againstOldest.currentVersionId).toBe(visits[2]!.versionId);
    expect(againstOldest.changes.changes.length).toBeGreaterThan(0);
    expect(againstItself.changes.changes).toEqual([]);
  });

  test('a content script cannot read another page\'s history', async () => {
    const db = await openDocDeltaDB('compare-2');
    const other = await recordVisit(db, { pageKey: keyOf(second!.url), url: second!.url, title: 'Filtering', siteId: site, blocks: corpusBlocks(second!, second!.versions[0]!), at: 1 });
    const request = { url: first!.url, blocks: corpusBlocks(first!, first!.versions[0]!), versionId: other.versionId };
    await expect(handleCompareWith(db, request)).rejects.toThrow(InvalidMessageError);
    await expect(handleCompareWith(db, { ...request, versionId: 99_999 })).rejects.toThrow(/not a version of this page/);
  });
});
