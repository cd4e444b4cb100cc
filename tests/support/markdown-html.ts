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
  return md.render(source.replace(/^(#{1,6})\u00a0/gm, '$1 '));
}
