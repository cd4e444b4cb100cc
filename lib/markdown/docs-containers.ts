import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';

/**
 * The containers docs generators add to markdown, read as what their page
 * shows: the title (or the type, capitalised, where the theme prints it) and
 * the body as markdown.
 *
 * - MkDocs / Python-Markdown: `!!! note "Title"`, collapsible `??? tip`,
 *   pymdownx tabs `=== "Linux"`, each with a body indented by four spaces.
 * - Docusaurus, VitePress, Starlight: `:::note Title` … `:::`.
 */
export function docsContainers(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'indented_container', indentedContainer, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.block.ruler.before('fence', 'colon_container', colonContainer, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}

function pushText(state: StateBlock, text: string, startLine: number) {
  const token = state.push('docdelta_text', '', 0);
  token.content = text;
  token.map = [startLine, startLine + 1];
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** `!!! type "Title"`, `??? type`, `???+ type`, `=== "Tab"`: split by hand, no backtracking. */
function parseMarkerLine(line: string): { marker: string; type: string; title: string | null } | null {
  const marker = line.startsWith('!!!') ? '!!!' : line.startsWith('???+') ? '???+' : line.startsWith('???') ? '???' : line.startsWith('===') ? '===' : null;
  if (!marker) return null;
  // `===+ "Tab"`: the tab a set opens on; read like any other.
  let rest = line.slice(marker === '===' && line[3] === '+' ? 4 : marker.length).trim();
  if (rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('?')) return null;
  let title: string | null = null;
  const quote = rest.indexOf('"');
  if (quote >= 0) {
    if (!rest.endsWith('"') || quote === rest.length - 1) return null;
    title = rest.slice(quote + 1, -1);
    rest = rest.slice(0, quote).trim();
  }
  // The type is one word (with modifiers after it, like `inline end`).
  const type = rest.split(' ')[0] ?? '';
  if (!/^[\w-]*$/.test(type)) return null;
  if (marker === '===' && title === null) return null;
  return { marker, type, title };
}

/** A container's marker line parsed, and its body: the lines after it indented by four more (blank lines between them). */
function containerAt(state: StateBlock, startLine: number, endLine: number) {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return null;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const parsed = parseMarkerLine(state.src.slice(start, state.eMarks[startLine]));
  if (!parsed) return null;
  const bodyIndent = state.sCount[startLine]! + 4;
  let last = startLine;
  for (let line = startLine + 1; line < endLine; line++) {
    if (state.isEmpty(line)) continue;
    if (state.sCount[line]! < bodyIndent) break;
    last = line;
  }
  return { parsed, startLine, bodyIndent, last };
}

type Container = NonNullable<ReturnType<typeof containerAt>>;

function indentedContainer(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const first = containerAt(state, startLine, endLine);
  if (!first) return false;
  if (silent) return true;
  // Tabs one after another are one tab set, which pymdownx renders as its labels, then the
  // panels (the HTML reader reads it in that order): every title first, then every body.
  const set: Container[] = [first];
  while (first.parsed.marker === '===') {
    let next = set.at(-1)!.last + 1;
    while (next < endLine && state.isEmpty(next)) next++;
    const tab = next < endLine && state.sCount[next] === state.sCount[startLine] ? containerAt(state, next, endLine) : null;
    if (tab?.parsed.marker !== '===') break;
    set.push(tab);
  }
  for (const container of set) {
    const shown = container.parsed.title ?? (container.parsed.marker === '===' ? '' : capitalize(container.parsed.type));
    if (shown) pushText(state, shown, container.startLine);
  }
  for (const { startLine: from, bodyIndent, last } of set) {
    if (last === from) continue;
    const oldIndent = state.blkIndent;
    const oldMax = state.lineMax;
    state.blkIndent = bodyIndent;
    state.lineMax = last + 1;
    state.md.block.tokenize(state, from + 1, last + 1);
    state.blkIndent = oldIndent;
    state.lineMax = oldMax;
  }
  state.line = set.at(-1)!.last + 1;
  return true;
}

function colonContainer(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const line = state.src.slice(start, state.eMarks[startLine]);
  if (!line.startsWith(':::')) return false;
  let i = 3;
  while (line.charCodeAt(i) === 0x3a) i++;
  const rest = line.slice(i).trim();
  const space = rest.search(/[\s[{]/);
  const type = space < 0 ? rest : rest.slice(0, space);
  if (!/^[\w-]*$/.test(type)) return false;
  if (silent) return true;
  // `:::tip[Title]` (Starlight) or `:::tip Title`; a `{…}` after it is attributes.
  let title = space < 0 ? '' : rest.slice(space).trim();
  if (title.startsWith('[') && title.includes(']')) title = title.slice(1, title.indexOf(']'));
  else if (title.startsWith('{')) title = '';
  const shown = title || (type ? capitalize(type) : '');
  if (shown) pushText(state, shown, startLine);
  state.line = startLine + 1;
  return true;
}
