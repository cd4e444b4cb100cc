/**
 * The units a diff compares, as fine as a reader's edits: a run of letters,
 * digits and joined marks is one word; every other visible character
 * (punctuation, a symbol, an ideograph or kana) is a token of its own. So
 * `"epsg:4326"` → `"EPSG:4326"` changes one token, `Note:` → `Note` only the
 * colon, and a one-character edit in Chinese or Japanese text (written without
 * spaces) changes that character, not the sentence. Whitespace separates
 * tokens and is never one.
 */
export interface Token {
  text: string;
  start: number;
  end: number;
}

// Scripts written without spaces between words: each character is a token.
const UNSPACED = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\p{Script=Tibetan}';
// A letter, digit, mark or connector of a spaced script; one class, so matching is linear.
const WORD_CHAR = `[[\\p{L}\\p{M}\\p{N}\\p{Pc}]--[${UNSPACED}]]`;
const TOKEN = new RegExp(`${WORD_CHAR}+|[^\\s]`, 'gv');
const WORD_LIKE = /[\p{L}\p{N}]/u;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  return tokens;
}

/** Whether a token counts as a word for "+N −M words" (punctuation does not). */
export const isWord = (token: string): boolean => WORD_LIKE.test(token);

/** Words as a reader counts them: word tokens, each ideograph or kana one. */
export function countWords(text: string): number {
  let count = 0;
  for (const match of text.matchAll(TOKEN)) if (WORD_LIKE.test(match[0])) count++;
  return count;
}
