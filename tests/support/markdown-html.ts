import MarkdownIt from 'markdown-it';
import { docsContainers } from '../../lib/markdown/docs-containers';

/**
 * A markdown version rendered to HTML the way MkDocs shows it (admonition
 * titles as their own paragraph), for tests that need a version's reference
 * text as a page would render it.
 */
export function markdownToHtml(source: string): string {
  const md = new MarkdownIt('default', { html: true });
  docsContainers(md);
  md.renderer.rules.docdelta_text = (tokens, i) => `<p>${md.utils.escapeHtml(tokens[i]!.content)}</p>`;
  return md.render(withoutMeta(source).replace(/^(#{1,6})\u00a0/gm, '$1 '));
}

/** MkDocs' front matter and meta extension: YAML between `---` lines, or `key: value` lines up to a blank line, at the top, are not shown. */
function withoutMeta(source: string): string {
  // YAML front matter (`---` … `---`), as MkDocs reads it.
  const yaml = /^---\n[\s\S]*?\n---[ \t]*\n/.exec(source);
  if (yaml) return source.slice(yaml[0].length);
  const lines = source.split('\n');
  if (!/^[A-Za-z_][\w-]*:/.test(lines[0] ?? '')) return source;
  const blank = lines.findIndex((line) => line.trim() === '');
  return blank < 0 ? source : lines.slice(blank + 1).join('\n');
}
