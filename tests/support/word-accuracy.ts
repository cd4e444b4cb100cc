import { diffArrays } from 'diff';

/**
 * The reference's tokens, as jsdiff's diffWords splits text: runs of Latin
 * letters, digits and underscores are words; every other visible character
 * (punctuation, a CJK character) is a token of its own. Written here rather
 * than taken from DocDelta, so the reference stays independent of it.
 */
const REFERENCE_TOKEN = /[a-zA-Z0-9_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02C6\u02C8-\u02D7\u02DE-\u02FF\u1E00-\u1EFF]+|\S/gu;
export const words = (text: string): string[] => text.match(REFERENCE_TOKEN) ?? [];
/** Reference tokens a reader counts as words (not punctuation). */
export const wordCount = (tokens: readonly string[]): number => tokens.filter((t) => /[\p{L}\p{N}]/u.test(t)).length;

function bag(list: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of list) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** How many words the two lists share, counting repeats. */
export function overlap(a: readonly string[], b: readonly string[]): number {
  const counts = bag(a);
  let shared = 0;
  for (const word of b) {
    const left = counts.get(word);
    if (left) {
      shared++;
      counts.set(word, left - 1);
    }
  }
  return shared;
}

/** The reference: a whole-text token diff of what a reader sees (words and punctuation, like diffWords). */
export function referenceDiff(oldText: string, newText: string): { added: string[]; removed: string[] } {
  const result = diffArrays(words(oldText), words(newText));
  return {
    added: result.filter((c) => c.added).flatMap((c) => c.value),
    removed: result.filter((c) => c.removed).flatMap((c) => c.value),
  };
}

/** Running precision/recall over word counts. */
export class Score {
  shared = 0;
  found = 0;
  expected = 0;
  add(found: readonly string[], expected: readonly string[]) {
    this.shared += overlap(found, expected);
    this.found += found.length;
    this.expected += expected.length;
  }
  /** Adds another score's counts (a corpus's total from its parts). */
  merge(other: Score) {
    this.shared += other.shared;
    this.found += other.found;
    this.expected += other.expected;
  }
  get precision() {
    return this.found ? this.shared / this.found : 1;
  }
  get recall() {
    return this.expected ? this.shared / this.expected : 1;
  }
}

/** What the overlay showed against what a plain word diff expects, as two scores. */
export function scoreOverlay(seen: { highlighted: readonly string[]; ghostRemoved: readonly string[] }, expected: { added: readonly string[]; removed: readonly string[] }) {
  const added = new Score();
  const removed = new Score();
  added.add(seen.highlighted, expected.added);
  removed.add(seen.ghostRemoved, expected.removed);
  return { added, removed };
}
