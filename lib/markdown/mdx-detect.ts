import type Token from 'markdown-it/lib/token.mjs';

/**
 * Whether a file is MDX, judged from its plain-markdown reading: only what
 * stands at the top level outside code counts, so a code sample that starts
 * with `import` does not make a page MDX. Signs: ESM (`import x from`,
 * `export const`), a JSX component (`<Tabs>`, `<>`), or a `{/* comment *\/}`.
 */
export function looksLikeMdx(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const content = token.type === 'inline' && tokens[i - 1]?.type === 'paragraph_open' ? token.content : token.type === 'html_block' ? token.content : null;
    if (content === null) continue;
    if (token.level <= 1 && isEsm(content)) return true;
    if (COMPONENT.test(content) || content.includes('{/*')) return true;
  }
  return false;
}

const ESM = /^(import\s+['"]|export\s+(const|let|function|default|async)\b)/;

/**
 * `import x from "…"`, also over several lines (`import {\n  Tabs,\n} from "…"`): the
 * specifiers, then `from` and a quoted module within the statement's first 500 characters.
 */
function isEsm(content: string): boolean {
  if (ESM.test(content)) return true;
  return /^import\s*[\w{*]/.test(content) && /\sfrom\s*['"]/.test(content.slice(0, 500));
}
const COMPONENT = /^\s{0,3}<([A-Z][\w.]{0,80}|>)/m;
