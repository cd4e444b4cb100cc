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
export function mergeRegions(alignment: readonly Alignment[], oldBlocks: readonly Block[], newBlocks: readonly Block[]): Alignment[] {
  const oldWords = (from: number, to: number) => sumWords(oldBlocks, from, to);
  const newWords = (from: number, to: number) => sumWords(newBlocks, from, to);
  const size = (r: Region) => oldWords(r.oldStart, r.oldEnd) + newWords(r.newStart, r.newEnd);
  const merged: Alignment[] = [];
  for (let i = 0; i < alignment.length; i++) {
    const stretch = alignment[i]!;
    const previous = merged.at(-1);
    const next = alignment[i + 1];
    if (stretch.kind === 'same' && previous?.kind === 'replace' && next?.kind === 'replace') {
      const keptWords = newWords(stretch.newIndex, stretch.newIndex + stretch.count);
      if (keptWords < size(previous) + size(next)) {
        previous.oldEnd = next.oldEnd;
        previous.newEnd = next.newEnd;
        i++;
        continue;
      }
    }
    merged.push(stretch.kind === 'replace' ? { ...stretch } : stretch);
  }
  return merged;
}

function sumWords(blocks: readonly Block[], from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += countWords(blocks[i]!.text);
  return sum;
}
