import type { Block } from '../blocks';
import { countWords } from './tokens';
import { alignBlocks, alignBlocksCoarse, type Alignment } from './align-blocks';
import { emptyChangeSet, type Change, type ChangeSet } from './change-set';
import { diffRegion, type NewBlockEdit, type RegionDiff } from './diff-region';
import { defaultLimits, type DiffOptions } from './limits';
import { differOnlyInVolatile } from './volatile';
import { MAX_MERGED_WORDS, MIN_MERGED_WORDS, mergeRegions } from './merge-regions';
import { sectionHeadings } from './sections';
import { findMoves } from './moves';
import { withMoves } from './with-moves';

type Region = Extract<Alignment, { kind: 'replace' }>;

/** The share of a page's words that, new past the engine's bounds, make it a page replaced (ChangeSet.replaced). */
const REPLACED_SHARE = 0.9;

/**
 * What changed from one version of a page to the next, in the new version's
 * terms: added word ranges to highlight, removed text to show as ghosts,
 * passages that moved shown as moved, grouped into changes a reader steps through.
 */
export function diffPages(oldBlocks: readonly Block[], newBlocks: readonly Block[], limits: DiffOptions = defaultLimits): ChangeSet {
  const moves = limits.movesAreEdits ? [] : findMoves(oldBlocks, newBlocks);
  return moves.length ? withMoves(oldBlocks, newBlocks, moves, (before, after) => diffInPlace(before, after, limits), limits) : diffInPlace(oldBlocks, newBlocks, limits);
}

/** The diff of blocks that stayed in order: every difference is an edit where it stands. */
function diffInPlace(oldBlocks: readonly Block[], newBlocks: readonly Block[], limits: DiffOptions): ChangeSet {
  const aligned = alignBlocks(oldBlocks, newBlocks, limits.maxBlockEdits);
  const builder = new ChangeSetBuilder(newBlocks);
  const stretches = mergeRegions(aligned ?? alignBlocksCoarse(oldBlocks, newBlocks, limits.maxBlockEdits), oldBlocks, newBlocks);
  const add = (stretch: Alignment) => {
    if (stretch.kind === 'same') builder.unchanged(stretch.newIndex + stretch.count - 1);
    else if (!limits.volatileIsContent && onlyVolatile(stretch, oldBlocks, newBlocks)) builder.unchanged(stretch.newEnd - 1);
    // Past the block bound, the blocks kept as they were still cut the page into regions: a small
    // one is word-diffed as usual, a large one (a page rewritten all through) shown as whole blocks.
    else if (!aligned && regionWords(stretch, oldBlocks, newBlocks) > MAX_MERGED_WORDS) {
      builder.markCoarse();
      addCoarseRegion(builder, stretch, oldBlocks);
    }
    // A merged region whose word diff is past the bound is merged again, smaller, from the stretches it was.
    else if (!addRegion(builder, stretch, oldBlocks, newBlocks, limits)) {
      const smaller = stretch.mergedUnder! / 2;
      (smaller >= MIN_MERGED_WORDS ? mergeRegions(stretch.parts!, oldBlocks, newBlocks, smaller) : stretch.parts!).forEach(add);
    }
  };
  stretches.forEach(add);
  return builder.finish();
}

function regionWords(region: Region, oldBlocks: readonly Block[], newBlocks: readonly Block[]): number {
  let words = 0;
  for (let i = region.oldStart; i < region.oldEnd; i++) words += countWords(oldBlocks[i]!.text);
  for (let i = region.newStart; i < region.newEnd; i++) words += countWords(newBlocks[i]!.text);
  return words;
}

/** Whole blocks only: what is new and what is gone. */
function addCoarseRegion(builder: ChangeSetBuilder, region: Region, oldBlocks: readonly Block[]) {
  for (let i = region.newStart; i < region.newEnd; i++) builder.wholeBlockAdded(i);
  if (region.oldEnd > region.oldStart) builder.blocksRemoved(oldBlocks.slice(region.oldStart, region.oldEnd));
}

/**
 * Prose blocks paired one to one that differ only in a date, time, counter or
 * hash ("Last updated on Jan 3, 2023"): a new build, not new content. Code
 * is never passed over: a changed date in an example is an edit.
 */
function onlyVolatile(region: Region, oldBlocks: readonly Block[], newBlocks: readonly Block[]): boolean {
  const count = region.newEnd - region.newStart;
  if (count === 0 || count !== region.oldEnd - region.oldStart) return false;
  for (let k = 0; k < count; k++) {
    const before = oldBlocks[region.oldStart + k]!;
    const after = newBlocks[region.newStart + k]!;
    if (after.kind === 'code' || !differOnlyInVolatile(before.text, after.text)) return false;
  }
  return true;
}

/** Within a region with real changes, a block that only took on a new date keeps its highlights off. */
function passOverVolatileBlocks(diff: RegionDiff, region: Region, newBlocks: readonly Block[]) {
  diff.edits.forEach((edit, k) => {
    const block = newBlocks[region.newStart + k]!;
    if (edit.wordings.length !== 1 || block.kind === 'code') return;
    const oldText = edit.wordings[0]!.parts.map((part) => part.text).join('');
    if (differOnlyInVolatile(oldText, block.text)) diff.edits[k] = { added: [], addedWords: 0, wordings: [] };
  });
}

/** Adds a region's word changes; false (nothing added) when it was merged and is past the bound, to be added part by part. */
function addRegion(builder: ChangeSetBuilder, region: Region, oldBlocks: readonly Block[], newBlocks: readonly Block[], limits: DiffOptions): boolean {
  const diff = diffRegion(oldBlocks, region.oldStart, region.oldEnd, newBlocks, region.newStart, region.newEnd, limits.maxWordEdits, limits.tokenize);
  if (!diff && region.parts) return false;
  if (!diff) {
    builder.markCoarse();
    addCoarseRegion(builder, region, oldBlocks);
    return true;
  }
  if (!limits.volatileIsContent) passOverVolatileBlocks(diff, region, newBlocks);
  let removed = 0;
  const flushRemovedUpTo = (after: number) => {
    const run: Block[] = [];
    while (removed < diff.removedBlocks.length && diff.removedBlocks[removed]!.after <= after) run.push(diff.removedBlocks[removed++]!.block);
    if (run.length) builder.blocksRemoved(run);
  };
  flushRemovedUpTo(region.newStart - 1);
  for (let i = region.newStart; i < region.newEnd; i++) {
    builder.blockEdited(i, diff.edits[i - region.newStart]!);
    flushRemovedUpTo(i);
  }
  flushRemovedUpTo(Number.POSITIVE_INFINITY);
  return true;
}

class ChangeSetBuilder {
  private readonly set: ChangeSet = emptyChangeSet();
  private readonly sections: Array<string | null>;
  private current: Change | null = null;
  /** The last new block placed so far; removed text stands right after it. */
  private lastNewIndex: number | null = null;

  constructor(private readonly newBlocks: readonly Block[]) {
    this.sections = sectionHeadings(newBlocks);
  }

  markCoarse() {
    this.set.coarse = true;
  }

  unchanged(lastIndex: number) {
    this.current = null;
    this.lastNewIndex = lastIndex;
  }

  wholeBlockAdded(newIndex: number) {
    const text = this.newBlocks[newIndex]!.text;
    this.blockEdited(newIndex, { added: [[0, text.length]], addedWords: countWords(text), wordings: [] });
  }

  blockEdited(newIndex: number, edit: NewBlockEdit) {
    if (edit.added.length === 0 && edit.wordings.length === 0) {
      // Same tokens, new block boundaries (a paragraph split in two): nothing to show.
      this.unchanged(newIndex);
      return;
    }
    const change = this.changeAt(newIndex);
    for (const [start, end] of edit.added) change.added.push({ block: newIndex, start, end });
    let removedWords = 0;
    for (const wording of edit.wordings) {
      change.removed.push({ kind: 'wording', block: newIndex, parts: wording.parts });
      removedWords += wording.removedWords;
    }
    this.count(change, edit.addedWords, removedWords);
    this.lastNewIndex = newIndex;
  }

  blocksRemoved(blocks: Block[]) {
    const after = this.lastNewIndex;
    const next = after === null ? 0 : after + 1;
    const before = next < this.newBlocks.length ? next : null;
    const change = this.changeAt(null);
    change.removed.push({ kind: 'blocks', after, before, blocks });
    this.count(change, 0, blocks.reduce((sum, block) => sum + countWords(block.text), 0));
  }

  finish(): ChangeSet {
    if (this.set.coarse) this.set.replaced = this.set.addedWords > REPLACED_SHARE * this.newBlocks.reduce((n, block) => n + countWords(block.text), 0);
    return this.set;
  }

  private changeAt(newIndex: number | null): Change {
    if (this.current) {
      this.current.firstBlock ??= newIndex;
      return this.current;
    }
    const anchor = newIndex ?? this.lastNewIndex ?? (this.newBlocks.length ? 0 : null);
    this.current = {
      section: anchor === null ? null : this.sections[anchor] ?? null,
      firstBlock: newIndex,
      added: [],
      removed: [],
      addedWords: 0,
      removedWords: 0,
    };
    this.set.changes.push(this.current);
    return this.current;
  }

  private count(change: Change, added: number, removed: number) {
    change.addedWords += added;
    change.removedWords += removed;
    this.set.addedWords += added;
    this.set.removedWords += removed;
  }
}
