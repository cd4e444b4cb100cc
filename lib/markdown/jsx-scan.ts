/**
 * Linear scanners for the JSX and `{expressions}` of MDX. They only find where
 * a construct ends (and a tag's name and string attributes); they never
 * evaluate anything. Each call reads forward from `start` at most to `max`, so
 * a caller that moves past what a scan consumed keeps the whole read linear.
 */

export interface ScanEnd {
  /** Index just past the construct, or -1 when it is not one. */
  end: number;
  /** Where reading stopped: the cost of the scan, also when it failed. */
  stop: number;
}

export interface JsxTag extends ScanEnd {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** Attributes whose value is a plain string literal; '' for one without a value (`hidden`) or `{true}`. */
  strings: Map<string, string>;
}

const isNameChar = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x2e || c === 0x3a || c === 0x24 || c > 0x7f;
const isNameStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24 || c > 0x7f;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** `{ … }` with nested braces, strings, template literals and comments; `src[start]` is `{`. */
export function scanExpression(src: string, start: number, max: number): ScanEnd {
  let depth = 0;
  let i = start;
  while (i < max) {
    const c = src.charCodeAt(i);
    if (c === 0x7b) depth++;
    else if (c === 0x7d) {
      depth--;
      if (depth === 0) return { end: i + 1, stop: i + 1 };
    } else if (c === 0x22 || c === 0x27 || c === 0x60) {
      // An unclosed quote is an apostrophe in JSX text inside the expression.
      const close = skipString(src, i, max);
      i = close < 0 ? i + 1 : close;
      continue;
    } else if (c === 0x2f && src.charCodeAt(i + 1) === 0x2a) {
      const close = src.indexOf('*/', i + 2);
      if (close < 0 || close + 2 > max) return { end: -1, stop: max };
      i = close + 2;
      continue;
    }
    i++;
  }
  return { end: -1, stop: max };
}

/** Index past a quoted string starting at `start`, or -1 when it does not close before `max`. */
function skipString(src: string, start: number, max: number): number {
  const quote = src.charCodeAt(start);
  for (let i = start + 1; i < max; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === quote) return i + 1;
    // A quote in JSX text or prose (an apostrophe) is not a string past its line.
    else if (c === 0x0a && quote !== 0x60) return -1;
  }
  return -1;
}

/** `<Name attr="x" {...spread} attr={expr}>`, `</Name>`, `<>`, `</>`, `<Name />`; `src[start]` is `<`. */
export function scanJsxTag(src: string, start: number, max: number): JsxTag {
  const fail = (stop: number): JsxTag => ({ end: -1, stop, name: '', closing: false, selfClosing: false, strings: new Map() });
  let i = start + 1;
  const closing = src.charCodeAt(i) === 0x2f;
  if (closing) i++;
  const nameStart = i;
  if (i < max && isNameStart(src.charCodeAt(i))) while (i < max && isNameChar(src.charCodeAt(i))) i++;
  const name = src.slice(nameStart, i);
  if (!name && src.charCodeAt(i) !== 0x3e) return fail(i);
  const strings = new Map<string, string>();
  while (i < max) {
    const c = src.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 0x3e) {
      return { end: i + 1, stop: i + 1, name, closing, selfClosing: false, strings };
    } else if (c === 0x2f && src.charCodeAt(i + 1) === 0x3e && !closing) {
      return { end: i + 2, stop: i + 2, name, closing, selfClosing: true, strings };
    } else if (c === 0x7b && !closing) {
      const expression = scanExpression(src, i, max);
      if (expression.end < 0) return fail(expression.stop);
      i = expression.end;
    } else if (isNameStart(c) && !closing && name) {
      const attrStart = i;
      while (i < max && isNameChar(src.charCodeAt(i))) i++;
      const attr = src.slice(attrStart, i);
      while (i < max && isSpace(src.charCodeAt(i))) i++;
      if (src.charCodeAt(i) !== 0x3d) {
        strings.set(attr, '');
        continue;
      }
      i++;
      while (i < max && isSpace(src.charCodeAt(i))) i++;
      const v = src.charCodeAt(i);
      if (v === 0x22 || v === 0x27) {
        const close = skipString(src, i, max);
        if (close < 0) return fail(i);
        strings.set(attr, src.slice(i + 1, close - 1));
        i = close;
      } else if (v === 0x7b) {
        const expression = scanExpression(src, i, max);
        if (expression.end < 0) return fail(expression.stop);
        if (/^\{\s*true\s*\}$/.test(src.slice(i, expression.end))) strings.set(attr, '');
        i = expression.end;
      } else return fail(i);
    } else {
      return fail(i);
    }
  }
  return fail(max);
}
