/**
 * Whitespace rules shared by every block's text. JavaScript's \s is the set
 * of spaces a reader cannot tell apart (it includes NBSP, which docs put
 * between words), so runs of it collapse to one space.
 */
const WORD = /\S+/g;

/** Collapses whitespace runs to one space and trims. */
export function normalizeText(raw: string): string {
  return raw.match(WORD)?.join(' ') ?? '';
}

export interface Word {
  text: string;
  start: number;
  end: number;
}

/** Whitespace-separated words of normalized text, with their offsets. */
export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    words.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return words;
}

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}
