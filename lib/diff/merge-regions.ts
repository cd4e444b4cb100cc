import type { Block } from '../blocks';
import { countWords } from './tokens';
import type { Alignment } from './align-blocks';

type Region = Extract<Alignment, { kind: 'replace' }>;

/**
 * Block alignment keeps as many *blocks* as it can; readers count *words*.
 * When a section moves past a few short blocks, the block-wise answer keeps
 * the short blocks and calls the long section removed and re-added. Merging
 * two replaced regions across an unchanged stretch that holds fewer words
 * than the larger region lets the word diff choose, as a reader would, to keep
 * the long section and move the short blocks instead.
 */
export function mergeRegions(alignment: readonly Alignment[], oldBlocks: readonly Block[], newBlocks: readonly Block[], maxMergedWords = MAX_MERGED_WORDS): Alignment[] {
  const oldWords = (from: number, to: number) => sumWords(oldBlocks, from, to);
  const newWords = (from: number, to: number) => sumWords(newBlocks, from, to);
  const size = (r: Region) => oldWords(r.oldStart, r.oldEnd) + newWords(r.newStart, r.newEnd);
  const merged: Alignment[] = [];
  // The words of the region just before the stretch as aligned, and of the region merged so far.
  let ownPrevious = 0;
  let mergedSize = 0;
  for (let i = 0; i < alignment.length; i++) {
    const stretch = alignment[i]!;
    const previous = merged.at(-1);
    const next = alignment[i + 1];
    if (stretch.kind === 'same' && previous?.kind === 'replace' && next?.kind === 'replace') {
      const keptWords = newWords(stretch.newIndex, stretch.newIndex + stretch.count);
      const nextSize = size(next);
      // Weighed against the two regions beside the stretch, not against everything merged before
      // (which would grow until a whole rewritten page was one region), and never past the size
      // a word diff of one region can take.
      // (The kept stretch is diffed twice over once merged: its old and its new copy.)
      if (keptWords < ownPrevious + nextSize && mergedSize + 2 * keptWords + nextSize <= maxMergedWords) {
        // Pushed, not copied: a long chain of merges stays linear.
        (previous.parts ??= [{ ...previous }]).push(stretch, next);
        previous.mergedUnder = maxMergedWords;
        previous.oldEnd = next.oldEnd;
        previous.newEnd = next.newEnd;
        mergedSize += 2 * keptWords + nextSize;
        ownPrevious = nextSize;
        i++;
        continue;
      }
    }
    if (stretch.kind === 'replace') {
      ownPrevious = mergedSize = size(stretch);
      merged.push({ ...stretch });
    } else merged.push(stretch);
  }
  return merged;
}

/**
 * The most words (old and new) regions are merged up to. The word diff of one region is bounded
 * (limits.ts maxWordEdits); a merged region past that bound is merged again from its parts under
 * half the size, down to MIN_MERGED_WORDS, then diffed part by part (diff-pages.ts): a few bounded
 * attempts at most, and merges that fit are kept.
 */
export const MAX_MERGED_WORDS = 8000;
export const MIN_MERGED_WORDS = 500;

function sumWords(blocks: readonly Block[], from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += countWords(blocks[i]!.text);
  return sum;
}
