import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';

/**
 * The dashes, ellipsis and guillemets of Goldmark's typographer (Hugo's
 * renderer), for text outside code and autolinks. markdown-it's own
 * `replacements` rule would also turn `(c)` into ©, which Goldmark leaves.
 */
export function typographicDashes(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let insideAutolink = 0;
    for (const token of block.children) {
      if (token.type === 'link_open' && token.info === 'auto') insideAutolink++;
      else if (token.type === 'link_close' && token.info === 'auto') insideAutolink--;
      else if (token.type === 'text' && insideAutolink === 0) token.content = typographic(token.content);
    }
  }
}

const typographic = (text: string) =>
  text.includes('--') || text.includes('...') || text.includes('<<') || text.includes('>>')
    ? text.replaceAll('---', '\u2014').replaceAll('--', '\u2013').replaceAll('...', '\u2026').replaceAll('<<', '\u00ab').replaceAll('>>', '\u00bb')
    : text;
