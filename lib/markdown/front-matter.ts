/**
 * The source without its front matter: YAML (`---`) or TOML (`+++`) at the
 * very top, or, when `meta` is set, Python-Markdown's "meta" header (MkDocs):
 * `key: value` lines with indented continuations, ended by a blank line.
 * One pass over lines; no regular expression spans more than a line.
 */
export function stripFrontMatter(source: string, meta: boolean): string {
  const firstEnd = lineEnd(source, 0);
  const first = source.slice(0, firstEnd).trimEnd();
  if (first === '---' || first === '+++') {
    for (let start = firstEnd + 1; start < source.length; ) {
      const end = lineEnd(source, start);
      if (source.slice(start, end).trimEnd() === first) return source.slice(end + 1);
      start = end + 1;
    }
    return source;
  }
  if (!meta || !META_KEY.test(first)) return source;
  for (let start = firstEnd + 1; start < source.length; ) {
    const end = lineEnd(source, start);
    const line = source.slice(start, end);
    if (line.trim() === '') return source.slice(end + 1);
    if (!META_KEY.test(line) && !/^[ \t]/.test(line)) return source;
    start = end + 1;
  }
  return source;
}

const META_KEY = /^[A-Za-z_][\w-]{0,63}:/;

const lineEnd = (source: string, start: number) => {
  const end = source.indexOf('\n', start);
  return end < 0 ? source.length : end;
};

/**
 * The one-line scalar fields of YAML front matter (`title: Deployment`,
 * `position: 10`), quotes removed: what a layout may print around the
 * article. Nested and multi-line values are left out.
 */
export function frontMatterFields(source: string): Map<string, string> {
  const fields = new Map<string, string>();
  if (source.slice(0, lineEnd(source, 0)).trimEnd() !== '---') return fields;
  for (let start = lineEnd(source, 0) + 1; start < source.length; ) {
    const end = lineEnd(source, start);
    const line = source.slice(start, end).trimEnd();
    if (line === '---') return fields;
    const colon = line.indexOf(':');
    if (colon > 0 && META_KEY.test(line)) {
      const value = line.slice(colon + 1).trim();
      const quoted = value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0];
      if (value && !'|>[{'.includes(value[0]!)) fields.set(line.slice(0, colon), quoted ? value.slice(1, -1) : value);
    }
    start = end + 1;
  }
  // No closing line: not front matter.
  return new Map();
}
