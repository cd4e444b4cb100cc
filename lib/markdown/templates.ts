import { entryFor, type MarkdownDialect } from './dialect';
import { shortcodeBodies } from './hugo-shortcode-bodies';

/**
 * Template syntax expanded by a site's build before (or after) markdown is
 * rendered, replaced by what the rendered page shows: a wrapper's body stays,
 * a variable, an include or an unknown macro shows nothing (its value is not
 * in the source), and macros known to print one of their arguments print it.
 * One forward pass with `indexOf`; an unclosed tag leaves the rest as it is.
 */
export function expandTemplates(source: string, dialect: MarkdownDialect): string {
  switch (dialect.templates) {
    case 'hugo':
      return replaceTags(shortcodeBodies(source, dialect.shortcodeCode ?? [], dialect.shortcodeHidden ?? []), [['{{<', '>}}'], ['{{%', '%}}']], (inner, [open, close]) =>
        hugoShortcode(inner, dialect, open, close),
      );
    case 'liquid':
      return liquid(source, dialect);
    case 'kumascript':
      return replaceTags(source, [['{{', '}}']], kumascriptMacro);
    default:
      return source;
  }
}

type Delimiters = readonly [open: string, close: string];

function replaceTags(
  source: string,
  delimiters: readonly Delimiters[],
  replace: (inner: string, delimiters: Delimiters, before: string, after: string) => string,
  /** Liquid's whitespace control: `{%-` drops the whitespace before the tag, `-%}` the whitespace after it. */
  trim = false,
): string {
  let out = '';
  let pos = 0;
  // Where each kind of opener is next, found once and reused until passed.
  const next = delimiters.map(([open]) => source.indexOf(open));
  while (pos < source.length) {
    let kind = -1;
    for (let k = 0; k < delimiters.length; k++) {
      if (next[k]! >= 0 && next[k]! < pos) next[k] = source.indexOf(delimiters[k]![0], pos);
      if (next[k]! >= 0 && (kind < 0 || next[k]! < next[kind]!)) kind = k;
    }
    if (kind < 0) break;
    const [open, close] = delimiters[kind]!;
    const start = next[kind]!;
    const end = source.indexOf(close, start + open.length);
    if (end < 0) break;
    const inner = source.slice(start + open.length, end);
    const before = source.slice(pos, start);
    out += (trim && inner.startsWith('-') ? before.trimEnd() : before) + replace(inner, delimiters[kind]!, source[start - 1] ?? '', source[end + close.length] ?? '');
    pos = end + close.length;
    if (trim && inner.endsWith('-')) while (pos < source.length && /\s/.test(source[pos]!)) pos++;
  }
  return out + source.slice(pos);
}

/** Named (`text="x"`) and positional (`"x"`) string arguments of a shortcode or macro call, in one pass. */
function stringArguments(inner: string): { named: Map<string, string>; positional: string[] } {
  const named = new Map<string, string>();
  const positional: string[] = [];
  let pendingName: string | null = null;
  let i = 0;
  while (i < inner.length) {
    const c = inner[i]!;
    if (c === '"' || c === "'") {
      const close = inner.indexOf(c, i + 1);
      if (close < 0) break;
      const value = inner.slice(i + 1, close);
      if (pendingName) named.set(pendingName, value);
      else positional.push(value);
      pendingName = null;
      i = close + 1;
    } else if (/[\w-]/.test(c)) {
      const start = i;
      while (i < inner.length && /[\w-]/.test(inner[i]!)) i++;
      let j = i;
      while (inner[j] === ' ') j++;
      pendingName = inner[j] === '=' ? inner.slice(start, i) : null;
      if (pendingName) i = j + 1;
    } else {
      if (c !== ' ') pendingName = null;
      i++;
    }
  }
  return { named, positional };
}

function hugoShortcode(rawInner: string, dialect: MarkdownDialect, open: string, close: string): string {
  let inner = rawInner.trim();
  // `{{</* note */>}}` is how Hugo docs show a shortcode literally.
  if (inner.startsWith('/*') && inner.endsWith('*/')) return `${open}${inner.slice(2, -2)}${close}`;
  if (inner.startsWith('/')) return ' ';
  const name = inner.split(/\s/, 1)[0] ?? '';
  inner = inner.slice(name.length);
  const args = stringArguments(inner);
  // A label for the shortcode with its first argument (`heading "whatsnext"`), or for the shortcode.
  const label = entryFor(dialect.shortcodeLabels, `${name} ${args.positional[0] ?? ''}`.trim()) ?? entryFor(dialect.shortcodeLabels, name);
  if (label) return ` ${label} `;
  // `text|term_id`: the first of these arguments the call has.
  const argument = entryFor(dialect.shortcodeTextArguments, name);
  const shown = argument?.split('|').map((key) => args.named.get(key)).find((value) => value !== undefined);
  return shown ?? ' ';
}

/**
 * Liquid: `{% raw %}…{% endraw %}` is shown as written; `{% include x.html version="4.0" %}` shows the
 * argument the site names for that include (and the line break that ends the included file); an output
 * of a string (`{{ "{{" }}`) shows the string; every other tag and `{{ output }}` shows nothing (an output
 * alone in a code span leaves a space, so the span stays a span, not two backticks). `{%-` and `-%}`
 * trim whitespace as Liquid does.
 */
function liquid(source: string, dialect: MarkdownDialect): string {
  let out = '';
  let pos = 0;
  while (pos < source.length) {
    const raw = source.indexOf('{% raw %}', pos);
    const chunkEnd = raw < 0 ? source.length : raw;
    out += replaceTags(
      source.slice(pos, chunkEnd),
      [['{%', '%}'], ['{{', '}}']],
      (inner, [open], before, after) => (open === '{%' ? liquidTag(inner, dialect) : (stringLiteral(inner) ?? (before === '`' && after === '`' ? ' ' : ''))),
      true,
    );
    if (raw < 0) break;
    const endRaw = source.indexOf('{% endraw %}', raw);
    out += source.slice(raw + 9, endRaw < 0 ? source.length : endRaw);
    pos = endRaw < 0 ? source.length : endRaw + 12;
  }
  return out;
}

function liquidTag(rawInner: string, dialect: MarkdownDialect): string {
  // `{%- include … -%}` trims whitespace around it; the dashes are not part of the tag.
  const inner = rawInner.replace(/^-/, '').replace(/-$/, '').trim();
  if (!inner.startsWith('include ')) return ' ';
  const name = inner.slice(8).trim().split(/\s/, 1)[0] ?? '';
  const argument = entryFor(dialect.shortcodeTextArguments, name);
  if (!argument) return ' ';
  // Liquid writes `key="v"` and `key = "v"` alike.
  const { named } = stringArguments(inner.slice(8 + name.length));
  const shown = argument.split('|').map((key) => named.get(key)).find((value) => value !== undefined);
  // An included file ends with a line break, which the page shows as a space.
  return shown === undefined ? ' ' : `${shown}\n`;
}

/** `{{ "text" }}` or `{{ 'text' }}` with no filter: the text. */
function stringLiteral(rawInner: string): string | null {
  const inner = rawInner.replace(/^-/, '').replace(/-$/, '').trim();
  const quote = inner[0];
  if ((quote !== '"' && quote !== "'") || inner.length < 2 || inner.at(-1) !== quote) return null;
  const text = inner.slice(1, -1);
  return text.includes(quote) ? null : text;
}

/**
 * MDN's KumaScript macros. Cross-reference macros print a name (their second
 * argument when given, else the first; element macros in angle brackets);
 * every other macro (sidebars, compatibility tables, banners) is generated
 * content this source does not hold.
 */
function kumascriptMacro(rawInner: string): string {
  const inner = rawInner.trim();
  const paren = inner.indexOf('(');
  const name = (paren < 0 ? inner : inner.slice(0, paren)).trim().toLowerCase();
  if (!/^[\w-]+$/.test(name)) return `{{${rawInner}}}`;
  const { positional } = stringArguments(paren < 0 ? '' : inner.slice(paren));
  const shown = positional[1] || positional[0];
  if (!shown) return '';
  if (name === 'htmlelement' || name === 'svgelement' || name === 'mathmlelement') return positional[1] ?? `&lt;${positional[0]}&gt;`;
  return XREF_MACROS.has(name) ? shown : '';
}

const XREF_MACROS = new Set(
  ['glossary', 'domxref', 'jsxref', 'cssxref', 'httpheader', 'httpstatus', 'httpmethod', 'svgattr', 'htmlattrxref', 'event', 'webextapiref', 'wasmxref', 'csp', 'permissionspolicy'],
);
