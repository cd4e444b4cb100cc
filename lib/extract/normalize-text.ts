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
