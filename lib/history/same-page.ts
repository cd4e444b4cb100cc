import type { Block } from '../blocks';

/**
 * The overlap of two texts' vocabularies (Jaccard index of their distinct words) below which
 * an archived copy is taken for something else saved under the page's address: an error page,
 * a "moved" notice or a login wall captured with status 200. Every version of the DRF corpus
 * pages, back to 2014, overlaps today's page by 0.27 or more, and every deploy of six other
 * generators' pages passes too (tests/unit/same-page.test.ts); such notices overlap a docs
 * article by about 0.01.
 *
 * What it cannot tell: another article of the same site served at this address (two DRF pages
 * overlap by up to 0.31, as much as one page and its 2014 self). A page's own rewrite and a
 * neighbour look alike to word counts; the reader sees the source and date in the timeline.
 */
export const SAME_PAGE_MIN_OVERLAP = 0.1;

/** Words of three letters or more, lower-cased. */
function vocabulary(blocks: readonly Block[]): Set<string> {
  const words = new Set<string>();
  for (const block of blocks) for (const word of block.text.toLowerCase().match(/\p{L}{3,}/gu) ?? []) words.add(word);
  return words;
}

/** Shared distinct words / all distinct words of the two (0–1). */
export function vocabularyOverlap(a: readonly Block[], b: readonly Block[]): number {
  const first = vocabulary(a);
  const second = vocabulary(b);
  let shared = 0;
  for (const word of first) if (second.has(word)) shared++;
  const all = first.size + second.size - shared;
  return all === 0 ? 0 : shared / all;
}

/** Whether an archived copy can be an earlier version of the live page rather than some other page. */
export function isSamePage(copy: readonly Block[], live: readonly Block[]): boolean {
  return vocabularyOverlap(copy, live) >= SAME_PAGE_MIN_OVERLAP;
}
