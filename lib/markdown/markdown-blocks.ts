import MarkdownIt from 'markdown-it';
import deflist from 'markdown-it-deflist';
import type Token from 'markdown-it/lib/token.mjs';
import type { Block, BlockKind } from '../blocks';
import { normalizeText } from '../extract/normalize-text';
import { DEFAULT_TITLE_ATTRIBUTES, entryFor, type MarkdownDialect } from './dialect';
import { docsContainers } from './docs-containers';
import { frontMatterFields, stripFrontMatter } from './front-matter';
import { htmlTextLines, type OpenSkip } from './html-text';
import { htmlAttributes, isSkippedTag, VOID_ELEMENTS } from './skipped-tags';
import { looksLikeMdx } from './mdx-detect';
import { mdxRules } from './mdx-rules';
import { expandTemplates } from './templates';
import { typographicDashes } from './typographer';

/**
 * A markdown version of a page as the same blocks the live page's extraction
 * gives: headings, paragraphs, list items, one block per code line, table
 * cells. Read by markdown-it (CommonMark + GFM tables and strikethrough, with
 * MDX and docs-container rules), so markup that is source-only (link targets,
 * escapes, emphasis marks, front matter, ESM, JSX tags, expressions) leaves no
 * trace and a markdown version compares cleanly against the rendered page.
 *
 * markdown-it reads hostile input in linear time (nesting is capped, delimiter
 * matching is bounded), and every rule added here is a forward scan.
 */
export function markdownToBlocks(source: string, dialect: MarkdownDialect = {}): Block[] {
  // Python-Markdown and marked take `##\u00a0Title` as a heading; CommonMark needs a plain space.
  const normalized = source.replace(/\r\n?/g, '\n').replace(/^(#{1,6})\u00a0/gm, '$1 ');
  const templated = expandTemplates(normalized, dialect);
  const readPlain = () => parser(false, dialect).parse(stripFrontMatter(templated, true), {});
  const readMdx = () => parser(true, dialect).parse(stripFrontMatter(templated, false), {});
  let tokens: Token[];
  if (dialect.format === 'mdx') tokens = readMdx();
  else if (dialect.format === 'markdown') tokens = readPlain();
  else {
    const plain = readPlain();
    tokens = looksLikeMdx(plain) ? readMdx() : plain;
  }
  const blocks = tokensToBlocks(withoutExportWrapper(tokens));
  return dialect.layoutHeadings ? [...layoutHeadings(normalized, dialect.layoutHeadings), ...blocks] : blocks;
}

/** The headings the page's layout prints from its front matter (see `MarkdownDialect.layoutHeadings`). */
function layoutHeadings(source: string, byLayout: Record<string, string[]>): Block[] {
  const fields = frontMatterFields(source);
  if (fields.size === 0) return [];
  const templates = entryFor(byLayout, fields.get('layout') ?? '') ?? entryFor(byLayout, '*') ?? [];
  return templates.flatMap((template): Block[] => {
    const level = /^#{0,6}/.exec(template)![0].length || 1;
    const filled = template.replace(/^#+ ?/, '').replace(/\{(\w+)\}/g, (_, field: string) => fields.get(field) ?? '');
    const text = normalizeText(filled);
    return text && /[\p{L}\p{N}]/u.test(text) ? [{ kind: 'heading', level, text }] : [];
  });
}

const parsers = new Map<string, MarkdownIt>();

function parser(mdx: boolean, dialect: MarkdownDialect): MarkdownIt {
  const titles = dialect.titleAttributes ?? DEFAULT_TITLE_ATTRIBUTES;
  const key = `${mdx}:${titles.join(',')}:${dialect.typographer === true}:${dialect.definitionLists === true}`;
  let md = parsers.get(key);
  if (!md) {
    md = new MarkdownIt('default', { html: true, linkify: false, typographer: dialect.typographer === true });
    // Goldmark's typographer sets quotes and dashes, not markdown-it's (c)/(tm)/+- symbols.
    if (dialect.typographer) {
      md.disable('replacements');
      md.core.ruler.push('docdelta_dashes', typographicDashes);
    }
    if (dialect.definitionLists) md.use(deflist);
    // How deep lists and quotes may nest before the rest is text (markdown-it's
    // own bound, not in its types): real docs nest a few levels.
    (md.options as { maxNesting?: number }).maxNesting = 40;
    docsContainers(md);
    if (mdx) mdxRules(md, titles);
    parsers.set(key, md);
  }
  return md;
}

/**
 * The `.md` exports of some hosts (Mintlify) open and close with a note that
 * points agents at `llms.txt`; the rendered page shows neither. Only a
 * top-level quote or paragraph first or last in the file, naming llms.txt.
 */
function withoutExportWrapper(tokens: Token[]): Token[] {
  const topLevel = (from: number, step: 1 | -1): [number, number] | null => {
    const open = step === 1 ? from : tokens.findLastIndex((t, i) => i <= from && t.level === 0 && t.nesting !== -1);
    const first = tokens[open];
    if (!first || (first.type !== 'blockquote_open' && first.type !== 'paragraph_open')) return null;
    let depth = 0;
    let end = open;
    for (; end < tokens.length; end++) {
      depth += tokens[end]!.nesting;
      if (depth === 0) break;
    }
    const text = tokens.slice(open, end + 1).map((t) => t.content).join(' ');
    return text.includes('llms.txt') ? [open, end] : null;
  };
  let start = 0;
  let stop = tokens.length;
  const head = topLevel(0, 1);
  if (head) start = head[1] + 1;
  const tail = stop > start ? topLevel(stop - 1, -1) : null;
  if (tail && tail[0] >= start) stop = tail[0];
  return start === 0 && stop === tokens.length ? tokens : tokens.slice(start, stop);
}

function tokensToBlocks(tokens: Token[]): Block[] {
  const blocks: Block[] = [];
  const push = (kind: BlockKind, level: number, raw: string) => {
    const text = normalizeText(raw);
    if (text) blocks.push({ kind, level, text });
  };
  // The first paragraph of a list item is the item's own text.
  let listItemOpen = false;
  let heading = 0;
  let cell = false;
  // A skipped element (`<div hidden>`) opened in an HTML block: the markdown up to its close is not read.
  const html: OpenSkip = { skipping: null };
  for (const token of tokens) {
    if (html.skipping && token.type !== 'html_block') continue;
    switch (token.type) {
      case 'list_item_open':
        listItemOpen = true;
        break;
      case 'heading_open':
        heading = Number(token.tag.slice(1));
        break;
      case 'th_open':
      case 'td_open':
        cell = true;
        break;
      case 'inline': {
        const children = token.children ?? [];
        // A code span that ends the block (`{{ .Prefix }}`) is text, never an attribute list.
        const text = children.at(-1)?.type === 'code_inline' ? inlineText(children) : withoutAttributeList(inlineText(children));
        if (heading) push('heading', heading, text);
        else if (cell) push('table-cell', 0, text);
        else push(listItemOpen ? 'list-item' : 'paragraph', 0, listItemOpen ? withoutTaskBox(text) : text);
        heading = 0;
        cell = false;
        listItemOpen = false;
        break;
      }
      case 'fence':
      case 'code_block': {
        listItemOpen = false;
        // ```js title="src/app.js": Docusaurus, Starlight and MkDocs Material show the title above the code.
        const title = token.type === 'fence' ? fenceTitle(token.info) : null;
        if (title) push('paragraph', 0, title);
        for (const line of token.content.replace(/\n$/, '').split('\n')) push('code', 0, line);
        break;
      }
      case 'html_block':
        for (const line of htmlTextLines(token.content, html)) push('paragraph', 0, line);
        break;
      case 'docdelta_text':
        push('paragraph', 0, token.content);
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
      case 'blockquote_open':
        listItemOpen = false;
        break;
      default:
        break;
    }
  }
  return blocks;
}

/**
 * `{: .class #id }`, `{#id}` (attr_list, heading ids) at the end of a block are markup, not text;
 * so is kramdown's block attribute list on the line before a block (`{: .note}`).
 */
function withoutAttributeList(text: string): string {
  return withoutTrailingAttributes(withoutLeadingKramdownAttributes(text));
}

function withoutLeadingKramdownAttributes(text: string): string {
  if (!text.startsWith('{:')) return text;
  const close = text.indexOf('}');
  const inner = text.slice(2, close).trim();
  return close > 0 && (inner === '' || inner.startsWith('.') || inner.startsWith('#')) ? text.slice(close + 1).trimStart() : text;
}

function withoutTrailingAttributes(text: string): string {
  const trimmed = text.trimEnd();
  if (!trimmed.endsWith('}')) return text;
  const open = trimmed.lastIndexOf('{');
  const inner = trimmed.slice(open + 1, -1).trimStart();
  const body = inner.startsWith(':') ? inner.slice(1).trimStart() : inner;
  return open >= 0 && (body.startsWith('#') || body.startsWith('.')) ? trimmed.slice(0, open) : text;
}

/** GFM task lists render `[ ]` and `[x]` as checkboxes, not text. */
const withoutTaskBox = (text: string) => (/^\s*\[[ xX]\]\s/.test(text) ? text.replace(/^\s*\[[ xX]\]\s/, '') : text);

/** What inline markdown renders as: link and emphasis text, code spans verbatim, no images or tags. */
function inlineText(tokens: readonly Token[]): string {
  let text = '';
  // Inside an element the page's reader skips (<script>, <span aria-hidden="true">, …): nothing is read.
  let skipping: { name: string; depth: number } | null = null;
  for (const token of tokens) {
    if (token.type === 'html_inline') {
      const tag = /^<(\/?)([a-z][a-z0-9-]*)/i.exec(token.content);
      if (!tag) continue;
      const closing = tag[1] === '/';
      const name = tag[2]!.toLowerCase();
      const attributes = token.content.slice(tag[0].length, -1);
      const selfClosing = attributes.endsWith('/');
      if (skipping) {
        if (name === skipping.name && !selfClosing) skipping.depth += closing ? -1 : 1;
        if (skipping.depth === 0) skipping = null;
        continue;
      }
      if (closing || selfClosing || VOID_ELEMENTS.has(name)) {
        if (name === 'br') text += ' ';
        continue;
      }
      if (isSkippedTag({ name, attributes: htmlAttributes(attributes) })) skipping = { name, depth: 1 };
      continue;
    }
    if (skipping) continue;
    switch (token.type) {
      case 'text':
      case 'code_inline':
        text += token.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += ' ';
        break;
      default:
        // link/emphasis open and close, images: no text of their own.
        break;
    }
  }
  return text;
}

/** The `title="…"` (or `title='…'`) of a fence's info string, as the code block's caption; null without one. */
export function fenceTitle(info: string): string | null {
  const at = info.indexOf('title=');
  if (at < 0 || (at > 0 && !/\s/.test(info[at - 1]!))) return null;
  const quote = info[at + 6];
  if (quote !== '"' && quote !== "'") return null;
  const end = info.indexOf(quote, at + 7);
  const title = end < 0 ? '' : normalizeText(info.slice(at + 7, end));
  return title || null;
}
