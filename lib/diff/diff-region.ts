import { diffArrays } from 'diff';
import type { Block } from '../blocks';
import type { WordingPart } from './change-set';
import { isWord, tokenize, type Token as TextToken } from './tokens';

/** What happened to one new block of a replaced region. */
export interface NewBlockEdit {
  added: Array<[number, number]>;
  addedWords: number;
  /** Old blocks that lost some words and whose kept words landed here. */
  wordings: Array<{ parts: WordingPart[]; removedWords: number }>;
}

export interface RegionDiff {
  /** Indexed by new block index minus the region start. */
  edits: NewBlockEdit[];
  /** Wholly removed old blocks, each after the new block index it followed (start - 1 at the region's top). */
  removedBlocks: Array<{ after: number; block: Block }>;
}

interface Token {
  text: string;
  block: number;
  start: number;
  end: number;
  word: boolean;
}

function tokens(blocks: readonly Block[], start: number, end: number, split: (text: string) => TextToken[]): Token[] {
  const list: Token[] = [];
  for (let block = start; block < end; block++) {
    for (const token of split(blocks[block]!.text)) list.push({ ...token, block, word: isWord(token.text) });
  }
  return list;
}

/**
 * Token diff (words and punctuation, see tokens.ts) across a whole replaced region (the blocks between two unchanged
 * ones), so a sentence moved between paragraphs or a code line split in two
 * shows only the words that really changed. Null past `maxEdits`.
 */
export function diffRegion(
  oldBlocks: readonly Block[], oldStart: number, oldEnd: number,
  newBlocks: readonly Block[], newStart: number, newEnd: number,
  maxEdits: number,
  split: (text: string) => TextToken[] = tokenize,
): RegionDiff | null {
  const oldTokens = tokens(oldBlocks, oldStart, oldEnd, split);
  const newTokens = tokens(newBlocks, newStart, newEnd, split);
  const result = diffArrays(oldTokens.map((t) => t.text), newTokens.map((t) => t.text), { maxEditLength: maxEdits });
  if (!result) return null;

  const edits: NewBlockEdit[] = Array.from({ length: newEnd - newStart }, () => ({ added: [], addedWords: 0, wordings: [] }));
  const oldFate = oldTokens.map(() => ({ removed: false, landedIn: -1 }));
  /** For each old token, the last new block that had any token before it in the diff. */
  const lastNewBefore: number[] = new Array(oldTokens.length);
  let oldIndex = 0;
  let newIndex = 0;
  let lastNewBlock = newStart - 1;
  for (const change of result) {
    if (change.added) {
      for (let k = 0; k < change.count; k++) {
        const token = newTokens[newIndex++]!;
        const edit = edits[token.block - newStart]!;
        // Consecutive added tokens in one block are one highlighted span.
        if (k > 0 && lastNewBlock === token.block) edit.added.at(-1)![1] = token.end;
        else edit.added.push([token.start, token.end]);
        if (token.word) edit.addedWords++;
        lastNewBlock = token.block;
      }
      continue;
    }
    for (let k = 0; k < change.count; k++) {
      lastNewBefore[oldIndex] = lastNewBlock;
      if (change.removed) {
        oldFate[oldIndex]!.removed = true;
      } else {
        const token = newTokens[newIndex++]!;
        oldFate[oldIndex]!.landedIn = token.block;
        lastNewBlock = token.block;
      }
      oldIndex++;
    }
  }

  const removedBlocks: RegionDiff['removedBlocks'] = [];
  let first = 0;
  for (let block = oldStart; block < oldEnd; block++) {
    let last = first;
    while (last < oldTokens.length && oldTokens[last]!.block === block) last++;
    const fates = oldFate.slice(first, last);
    const removedTokens = fates.filter((fate) => fate.removed).length;
    let removedWords = 0;
    for (let i = first; i < last; i++) if (oldFate[i]!.removed && oldTokens[i]!.word) removedWords++;
    if (removedTokens === fates.length) {
      removedBlocks.push({ after: fates.length ? lastNewBefore[first]! : lastNewBlock, block: oldBlocks[block]! });
    } else if (removedTokens > 0) {
      const home = fates.find((fate) => !fate.removed)!.landedIn;
      edits[home - newStart]!.wordings.push({ parts: wordingParts(oldBlocks[block]!.text, oldTokens.slice(first, last), fates), removedWords });
    }
    first = last;
  }
  return { edits, removedBlocks };
}

/**
 * The old block's text in runs of kept and removed tokens. Each run keeps the
 * spaces that follow it, so the runs put together read exactly as the old
 * text did (`rng.` + `gen` + `::<u32>()` with no space inserted).
 */
function wordingParts(text: string, blockTokens: readonly Token[], fates: ReadonlyArray<{ removed: boolean }>): WordingPart[] {
  const parts: WordingPart[] = [];
  let runStart = 0;
  for (let i = 1; i <= blockTokens.length; i++) {
    if (i < blockTokens.length && fates[i]!.removed === fates[runStart]!.removed) continue;
    const end = i < blockTokens.length ? blockTokens[i]!.start : text.length;
    parts.push({ text: text.slice(runStart === 0 ? 0 : blockTokens[runStart]!.start, end), removed: fates[runStart]!.removed });
    runStart = i;
  }
  return parts;
}
