import { genericIgnore } from '../sites/generic-docs';
import { compileTagRules } from '../sites/tag-rules';

/**
 * Whether the page's reader skips an element with this tag: the same list it uses
 * (`lib/sites/generic-docs.ts`: `[hidden]`, `[aria-hidden="true"]`, `display: none`,
 * `<button>`, `.sr-only`, …), asked of a tag in a markdown source, so a pane the page hides
 * (`<div data-content-switcher-pane hidden>`) is not read from its source either.
 */
export const isSkippedTag = compileTagRules(genericIgnore);

/** Elements without content or closing tag. */
export const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Elements whose content is text up to their first closing tag, never more tags. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title', 'xmp']);

const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** The attributes of an HTML start tag's text after its name (`a="b" hidden`), names lower-cased. */
export function htmlAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) attributes.set(match[1]!.toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '');
  return attributes;
}

const isNameChar = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x2e || c === 0x3a;

/**
 * Where the element `name` opened before `from` ends: the index just past its matching closing
 * tag (elements of the same name inside it counted), or `end: -1` with the depth still open
 * when it does not close before `max`. `src` is compared as given (HTML callers pass it
 * lower-cased; JSX names are case-sensitive). One forward pass.
 */
export function pastMatchingClose(src: string, name: string, from: number, max: number, depth = 1): { end: number; depth: number } {
  const raw = RAW_TEXT_ELEMENTS.has(name);
  let i = from;
  // The next `>`, remembered: many `<name` before one `>` must not each search again.
  let nextClose = -1;
  while (i < max) {
    const open = src.indexOf('<', i);
    if (open < 0 || open >= max) break;
    const closing = src.charCodeAt(open + 1) === 0x2f;
    const at = open + (closing ? 2 : 1);
    if ((raw && !closing) || !src.startsWith(name, at) || isNameChar(src.charCodeAt(at + name.length))) {
      i = open + 1;
      continue;
    }
    if (nextClose <= at) nextClose = src.indexOf('>', at);
    if (nextClose < 0 || nextClose >= max) break;
    if (closing) depth--;
    else if (src.charCodeAt(nextClose - 1) !== 0x2f) depth++;
    if (depth === 0) return { end: nextClose + 1, depth };
    i = nextClose + 1;
  }
  return { end: -1, depth };
}
