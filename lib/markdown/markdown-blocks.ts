import { decodeHTML } from 'entities';
import { Lexer, type Token, type Tokens } from 'marked';
import type { Block, BlockKind } from '../blocks';
import { normalizeText } from '../extract/normalize-text';
import { htmlTextLines } from './html-text';
import { preprocessMarkdown } from './preprocess';

/**
 * A markdown version of a page as the same blocks the live page's extraction
 * gives: headings, paragraphs, list items, one block per code line, table
 * cells. Markup that is source-only (link targets, escapes, emphasis marks,
 * front matter, MDX imports) leaves no trace, so a markdown version compares
 * cleanly against the rendered page.
 */
export function markdownToBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  const push = (kind: BlockKind, level: number, raw: string) => {
    const text = normalizeText(raw);
    if (text) blocks.push({ kind, level, text });
  };
  const tokens = new Lexer({ gfm: true }).lex(preprocessMarkdown(source));
  walkBlocks(tokens, push);
  return blocks;
}

type Push = (kind: BlockKind, level: number, text: string) => void;

function walkBlocks(tokens: readonly Token[], push: Push): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading':
        push('heading', (token as Tokens.Heading).depth, inlineText((token as Tokens.Heading).tokens));
        break;
      case 'paragraph':
        pushParagraph(token as Tokens.Paragraph, push);
        break;
      case 'text':
        push('paragraph', 0, 'tokens' in token && token.tokens ? inlineText(token.tokens) : decodeHTML(token.text));
        break;
      case 'code':
        for (const line of (token as Tokens.Code).text.split('\n')) push('code', 0, line);
        break;
      case 'blockquote':
        walkBlocks((token as Tokens.Blockquote).tokens, push);
        break;
      case 'list':
        for (const item of (token as Tokens.List).items) walkListItem(item, push);
        break;
      case 'table': {
        const table = token as Tokens.Table;
        for (const cell of table.header) push('table-cell', 0, inlineText(cell.tokens));
        for (const row of table.rows) for (const cell of row) push('table-cell', 0, inlineText(cell.tokens));
        break;
      }
      case 'html':
        for (const line of htmlTextLines((token as Tokens.HTML).text)) push('paragraph', 0, line);
        break;
      default:
        // space, hr, def (link reference definitions): nothing a reader sees.
        break;
    }
  }
}

/** A paragraph that is only raw HTML (a JSX component, a <div>) splits at its block tags. */
function pushParagraph(paragraph: Tokens.Paragraph, push: Push) {
  const onlyHtmlBlocks = paragraph.tokens.some((t) => t.type === 'html' && /^<\/?(div|p|details|summary|table|tr|td|th|ul|ol|li|h[1-6])\b/i.test(t.text));
  if (!onlyHtmlBlocks) {
    push('paragraph', 0, inlineText(paragraph.tokens));
    return;
  }
  for (const line of htmlTextLines(inlineMarkup(paragraph.tokens))) push('paragraph', 0, line);
}

/** A list item's own text is one block; its nested lists, code and paragraphs are their own. */
function walkListItem(item: Tokens.ListItem, push: Push) {
  let own = '';
  const rest: Token[] = [];
  for (const token of item.tokens) {
    if (rest.length === 0 && token.type === 'text') own += ' ' + ('tokens' in token && token.tokens ? inlineText(token.tokens) : decodeHTML(token.text));
    else if (rest.length === 0 && token.type === 'paragraph' && !own) own = inlineText((token as Tokens.Paragraph).tokens);
    else rest.push(token);
  }
  push('list-item', 0, own);
  walkBlocks(rest, push);
}

/** What inline markdown renders as: link and emphasis text, code spans verbatim, no images or tags. */
function inlineText(tokens: readonly Token[] | undefined): string {
  let text = '';
  // Inside inline <script>/<style>/<template>: nothing there is rendered as text.
  let hiddenUntil: string | null = null;
  for (const token of tokens ?? []) {
    if (hiddenUntil) {
      if (token.type === 'html' && token.text.toLowerCase().startsWith(hiddenUntil)) hiddenUntil = null;
      continue;
    }
    if (token.type === 'html') {
      const opened = /^<(script|style|template)\b/i.exec(token.text);
      if (opened && !/<\/(script|style|template)\s*>\s*$/i.test(token.text)) hiddenUntil = `</${opened[1]!.toLowerCase()}`;
      continue;
    }
    switch (token.type) {
      case 'text':
        text += 'tokens' in token && token.tokens ? inlineText(token.tokens) : decodeHTML(token.text);
        break;
      case 'escape':
      case 'codespan':
        text += token.text;
        break;
      case 'br':
        text += ' ';
        break;
      case 'image':
        break;
      default:
        text += 'tokens' in token && token.tokens ? inlineText(token.tokens) : '';
    }
  }
  return text;
}

/** Inline tokens back to markup with raw HTML kept, for paragraphs that are really HTML. */
function inlineMarkup(tokens: readonly Token[]): string {
  return tokens.map((token) => (token.type === 'html' ? token.text : inlineText([token]))).join('');
}
