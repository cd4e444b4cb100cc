import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Block } from '../../lib/blocks';
import { diffPages } from '../../lib/diff/diff-pages';
import { feedBaseline } from '../../lib/published/published-baseline';
import { ingestFeedVersions } from '../../lib/feed/ingest-feed-versions';
import { markdownToBlocks } from '../../lib/markdown/markdown-blocks';
import { openDocDeltaDB } from '../../lib/store/open-db';
import { recordVisit } from '../../lib/store/page-history';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';
import { originIn } from '../../lib/store/version-origins';

// Which feed version a never-visited page is: real DRF pages, their markdown as the feed and
// their rendered HTML as the live page.
const page = loadCorpus().find((p) => p.slug === 'api-guide__permissions')!;
const KEY = 'www.django-rest-framework.org/api-guide/permissions';
const target = { pageKey: KEY, url: page.url, title: 'Permissions', siteId: 'django-rest-framework' };
/** The newest four versions whose markdown reads differently from the one before (each a real change). */
const versions = page.versions
  .filter((v) => v.markdownPath)
  .filter((v, i, all) => i === 0 || markdownText(v.markdownPath!) !== markdownText(all[i - 1]!.markdownPath!))
  .slice(-4);
function markdownText(path: string): string {
  return markdownToBlocks(readFileSync(path, 'utf8')).map((block) => block.text).join('\n');
}
const markdownOf = (i: number) => markdownToBlocks(readFileSync(versions[i]!.markdownPath!, 'utf8'));
const htmlOf = (i: number) => corpusBlocks(page, versions[i]!);

/**
 * What a tabbed or switchable section adds to the markdown and the page does not show (the
 * other panes), different in each version, as the panes of a real site are edited too.
 */
const hiddenPanes = (i: number): Block[] =>
  Array.from({ length: 12 }, (_, k) => ({ kind: 'paragraph', level: 0, text: `With the ${['conda', 'poetry', 'uv'][k % 3]} installer, step ${k + 1} of revision ${i} runs the matching command for that tool and checks its output before going on.` }));

let counter = 0;
async function withFeed(feed: Block[][], live: Block[]) {
  const db = await openDocDeltaDB(`baseline-${++counter}`);
  const visit = await recordVisit(db, { ...target, blocks: live, at: Date.UTC(2026, 10, 1) });
  await ingestFeedVersions(db, target, feed.map((blocks, i) => ({ id: `v${i}`, time: Date.UTC(2025, i, 1), blocks })));
  const all = await db.getAllFromIndex('versions', 'byPage', KEY);
  const feedIdOf = (i: number) => all.find((v) => originIn(v, 'feed')?.id === `v${i}`)!.id!;
  return { choice: await feedBaseline(db, KEY, live, visit.versionId), feedIdOf };
}

describe('the baseline of a first visit, from the feed', () => {
  test('the page is the newest version: the one before it is the baseline', async () => {
    const { choice, feedIdOf } = await withFeed([0, 1, 2, 3].map(markdownOf), htmlOf(3));
    expect(choice).toEqual({ versionId: feedIdOf(2), unmatched: false });
  });

  test('markdown holding more than the page shows (hidden panes) still finds the version the page is', async () => {
    const feed = [0, 1, 2, 3].map((i) => [...markdownOf(i), ...hiddenPanes(i)]);
    const live = htmlOf(3);
    // The old rule ("the newest version differs from the page by at most 1% of its words") fails here.
    const newestAgainstLive = diffPages(feed[3]!, live);
    expect(newestAgainstLive.addedWords + newestAgainstLive.removedWords).toBeGreaterThan(0.01 * live.length * 10);
    const { choice, feedIdOf } = await withFeed(feed, live);
    expect(choice).toEqual({ versionId: feedIdOf(2), unmatched: false });
  });

  test('a page behind its feed compares with the version before the one it shows', async () => {
    const live = htmlOf(1);
    // Behind by more than the 1% of words a markdown version may differ from its page.
    const gap = diffPages(markdownOf(3), live);
    expect(gap.addedWords + gap.removedWords).toBeGreaterThan(0.01 * live.reduce((n, b) => n + b.text.split(' ').length, 0));
    const { choice, feedIdOf } = await withFeed([0, 1, 2, 3].map(markdownOf), live);
    expect(choice).toEqual({ versionId: feedIdOf(0), unmatched: false });
  });

  test('a page that is none of the feed versions compares with the newest and says so', async () => {
    const live = [...htmlOf(3), ...hiddenPanes(9).map((block) => ({ ...block, text: `${block.text} Written after the feed was built.` }))];
    const { choice, feedIdOf } = await withFeed([0, 1, 2, 3].map(markdownOf), live);
    expect(choice).toEqual({ versionId: feedIdOf(3), unmatched: true });
  });
});
