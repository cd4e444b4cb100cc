/**
 * Hugo shortcodes whose body the page shows otherwise than as markdown.
 *
 * `code`: shortcodes that show their body as code (`{{< code file="x" >}}…{{< /code >}}`,
 * `highlight`): the body is fenced so the markdown reader keeps it as written, HTML
 * and template text included, as the page shows it. The tags stay for the
 * shortcode rules to expand.
 *
 * `hidden`: shortcodes whose body the page shows only transformed (Hugo's docs'
 * `code-toggle` turns a TOML example into YAML, TOML and JSON tabs), so the
 * source holds none of the words the page shows; the site rule ignores their
 * output on the live page too, so both sides agree. Body and tags are dropped.
 *
 * Hugo closes the innermost open shortcode whatever name the closing tag
 * gives (real pages close `code-toggle` with `{{< /code >}}`), so an opener's
 * body ends at the first closing tag that does not close a shortcode opened
 * inside it. Each scan starts where the last body ended and a scan that finds
 * no end stops the work (the rest reads as written), so the pass is linear.
 */
export function shortcodeBodies(source: string, code: readonly string[], hidden: readonly string[]): string {
  if (code.length === 0 && hidden.length === 0) return source;
  const tags = shortcodeTags(source);
  let out = '';
  let pos = 0;
  for (let i = 0; i < tags.length; i++) {
    const open = tags[i]!;
    if (open.closing || (!code.includes(open.name) && !hidden.includes(open.name))) continue;
    const openedInside = new Map<string, number>();
    let j = i + 1;
    for (; j < tags.length; j++) {
      const tag = tags[j]!;
      const inside = openedInside.get(tag.name) ?? 0;
      if (!tag.closing) openedInside.set(tag.name, inside + 1);
      else if (inside > 0) openedInside.set(tag.name, inside - 1);
      else break;
    }
    const close = tags[j];
    if (!close) break;
    if (hidden.includes(open.name)) {
      out += `${source.slice(pos, open.start)}\n`;
    } else {
      const body = source.slice(open.end, close.start).replace(/^\n/, '').replace(/\n$/, '');
      const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
      out += `${source.slice(pos, open.end)}\n${fence}\n${body}\n${fence}\n${source.slice(close.start, close.end)}`;
    }
    pos = close.end;
    i = j;
  }
  return out + source.slice(pos);
}

interface ShortcodeTag {
  start: number;
  end: number;
  name: string;
  closing: boolean;
}

function shortcodeTags(source: string): ShortcodeTag[] {
  const tags: ShortcodeTag[] = [];
  let pos = 0;
  while (pos < source.length) {
    const start = source.indexOf('{{', pos);
    if (start < 0) break;
    const kind = source[start + 2];
    if (kind !== '<' && kind !== '%') {
      pos = start + 2;
      continue;
    }
    const end = source.indexOf(kind === '<' ? '>}}' : '%}}', start + 3);
    if (end < 0) break;
    const inner = source.slice(start + 3, end).trim();
    const closing = inner.startsWith('/') && !inner.startsWith('/*');
    const name = (closing ? inner.slice(1).trimStart() : inner).split(/\s/, 1)[0] ?? '';
    // `{{< code-toggle config="x" />}}` has no body.
    if (!inner.endsWith('/') || closing) tags.push({ start, end: end + 3, name, closing });
    pos = end + 3;
  }
  return tags;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}
