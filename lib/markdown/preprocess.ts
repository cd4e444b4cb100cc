/**
 * Rewrites docs-flavoured markdown into the CommonMark that `marked` reads,
 * keeping only what a reader sees on the rendered page. Runs line by line and
 * leaves fenced code untouched.
 */
export function preprocessMarkdown(source: string): string {
  const normalized = stripFrontMatter(source.replace(/\r\n?/g, '\n'));
  // `{expressions}` are JSX only in MDX; in plain markdown they are text (dicts in code, templates).
  const mdx = /^(import|export)\s/m.test(normalized) || /<[A-Z][A-Za-z]*[\s/>]/.test(normalized);
  const lines = normalized.split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      out.push(line);
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      out.push(line);
      continue;
    }
    // MDX module lines: `import X from '…'`, `export const …`.
    if (/^(import|export)\s[^\n]*$/.test(line) && !/^\s/.test(line)) continue;
    // MkDocs admonitions and collapsible blocks (`!!! note "Title"`, `??? tip`), and
    // pymdownx tabs (`=== "Linux"`): a title line, then a body indented by four.
    const block = /^(\s*)(!!!|\?\?\?\+?|===)\s*([\w-]*)\s*(?:"([^"]*)")?\s*$/.exec(line);
    if (block) {
      const [, indent, marker, type, title] = block;
      const shown = title ?? (marker === '===' ? '' : capitalize(type ?? ''));
      if (shown) out.push(`${indent}${shown}`, '');
      const bodyIndent = `${indent}    `;
      while (i + 1 < lines.length && (lines[i + 1]!.startsWith(bodyIndent) || lines[i + 1]!.trim() === '')) {
        const next = lines[++i]!;
        out.push(next.startsWith(bodyIndent) ? indent + next.slice(bodyIndent.length) : next);
      }
      continue;
    }
    // Docusaurus/VitePress admonitions: `:::note Title` … `:::`.
    const colon = /^\s*:{3,}\s*([\w-]*)\s*(.*)$/.exec(line);
    if (colon) {
      const [, type, title] = colon;
      const shown = title?.trim() || (type ? capitalize(type) : '');
      if (shown) out.push(shown, '');
      continue;
    }
    // Lines indented four spaces are code in plain markdown: keep them verbatim.
    if (/^( {4}|\t)/.test(line)) out.push(line);
    else out.push(stripAttributeLists(mdx ? stripMdxExpressions(line) : line));
  }
  return out.join('\n');
}

/**
 * YAML/TOML front matter, and Python-Markdown's "meta" header (MkDocs): `key: value`
 * lines (with indented continuations) at the very top, ended by a blank line.
 */
function stripFrontMatter(source: string): string {
  const fenced = /^(---|\+\+\+)\n[\s\S]*?\n\1[ \t]*(\n|$)/.exec(source);
  if (fenced) return source.slice(fenced[0].length);
  const meta = /^(?:[A-Za-z_][\w-]*:[^\n]*\n(?:[ \t]+[^\n]*\n)*)+\n/.exec(source);
  return meta ? source.slice(meta[0].length) : source;
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** `{: .class #id }` and `{#id}` (attr_list, heading ids) are markup, not text. */
function stripAttributeLists(line: string): string {
  return line.replace(/\s*\{:?\s*[#.][^}]*\}\s*$/, '').replace(/^\{:\s*[^}]*\}\s*$/, '');
}

/** MDX `{expressions}` and `{/* comments *\/}` outside inline code render as nothing readable. */
function stripMdxExpressions(line: string): string {
  if (!line.includes('{')) return line;
  return line
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\{\/\*[\s\S]*?\*\/\}/g, '').replace(/\{[^{}`]*\}(?!\()/g, (expr) => (/^\{[#.:]/.test(expr) ? expr : ''))))
    .join('');
}
