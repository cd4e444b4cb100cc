import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Block } from '../../lib/blocks';
import { diffPages } from '../../lib/diff/diff-pages';
import { extractBlocks, plainBlocks } from '../../lib/extract/extract-blocks';
import { findContentRoot, ignoreSelector } from '../../lib/sites/find-site';
import { loadGeneratorCorpora, type GeneratorPage } from '../support/generator-corpora';
import { closeDocument, parseHtml } from '../support/parse-html';
import { Score, words } from '../support/word-accuracy';
import { referenceDiffWithMoves } from '../support/moved-reference';

// Sites DocDelta has no rule for, read as a site the reader added would be: generic rules only.
const pages = loadGeneratorCorpora();

function read(page: GeneratorPage, file: string): { blocks: Block[]; rootTag: string; reference: string } {
  const doc = parseHtml(readFileSync(file, 'utf8'), page.url);
  try {
    const root = findContentRoot(doc, undefined);
    const blocks = root ? plainBlocks(extractBlocks(root, ignoreSelector(undefined))) : [];
    const rootTag = root ? `${root.tagName.toLowerCase()}${root.id ? `#${root.id}` : ''}${[...root.classList].map((c) => `.${c}`).join('')}` : 'none';
    // The independent reading: the corpus's own article selector, minus what its manifest names as not the docs' text.
    const article = doc.querySelector(page.articleSelector)!;
    article.querySelectorAll(['script', 'style', 'noscript', 'svg', 'button', '[hidden]', '[aria-hidden="true"]', ...page.referenceIgnore].join(',')).forEach((el) => el.remove());
    return { blocks, rootTag, reference: renderedText(article) };
  } finally {
    closeDocument(doc);
  }
}

/**
 * Text as a reader sees it laid out: block elements and line breaks separate
 * words (textContent would run "Getting started" and "Introduction" together).
 * Highlighted code lines are blocks too: the site's CSS puts each on its own line.
 */
function renderedText(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) parts.push((node as Text).data);
    if (node.nodeType !== 1) return;
    const element = node as Element;
    const block = /^(P|DIV|LI|UL|OL|PRE|H[1-6]|TD|TH|TR|TABLE|BR|SECTION|HEADER|FOOTER|DL|DT|DD|BLOCKQUOTE|DETAILS|SUMMARY)$/.test(element.tagName) || element.classList.contains('token-line');
    if (block) parts.push('\n');
    element.childNodes.forEach(walk);
    if (block) parts.push('\n');
  };
  walk(root);
  return parts.join('');
}

const DATE = /\b(19|20)\d\d[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\d|3[01])\b|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}, (19|20)\d\d\b/;

describe('real docs sites beyond MkDocs, read with the generic rules', () => {
  test.each(pages.map((p) => [`${p.generator} ${p.slug}`, p] as const))('%s: the article is found, without dates, edit links or navigation', (_name, page) => {
    const newest = read(page, page.versions.at(-1)!.file);
    console.log(`${page.generator} ${page.slug}: article read from <${newest.rootTag}>`);
    const text = newest.blocks.map((b) => b.text).join('\n');
    expect(text.length).toBeGreaterThan(500);
    // Dates in the frame ("Last updated on 9/15/2021", VuePress's 上次更新 stamp) are not read;
    // code samples may print dates of their own, so only the reference's text may hold one.
    for (const date of text.match(new RegExp(DATE, 'g')) ?? []) expect(newest.reference).toContain(date);
    expect(text).not.toMatch(/Edit this page|Last updated|上次更新|Was this page helpful/i);
    // Everything DocDelta reads is the article's text, and it reads nearly all of it.
    const score = new Score();
    score.add(words(text), words(newest.reference));
    expect(score.precision).toBeGreaterThanOrEqual(0.98);
    expect(score.recall).toBeGreaterThanOrEqual(0.98);
  });

  test.each(pages.map((p) => [`${p.generator} ${p.slug}`, p] as const))('%s: every deploy in the history', (_name, page) => {
    const added = new Score();
    const removed = new Score();
    const moved = new Score();
    let previous: ReturnType<typeof read> | null = null;
    let unchangedDeploys = 0;
    for (const version of page.versions) {
      const current = read(page, version.file);
      if (previous) {
        const diff = diffPages(previous.blocks, current.blocks);
        // The rendered article's lines: a passage that moved is neither added nor removed.
        const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);
        const expected = referenceDiffWithMoves(lines(previous.reference), lines(current.reference));
        if (expected.added.length + expected.removed.length + expected.moved.length === 0) {
          unchangedDeploys++;
          expect(diff.changes, `${version.file}: the article's text did not change, so no change is shown`).toEqual([]);
        }
        added.add(diff.changes.flatMap((c) => c.added.flatMap((s) => words(current.blocks[s.block]!.text.slice(s.start, s.end)))), expected.added);
        removed.add(
          diff.changes.flatMap((c) => c.removed.flatMap((r) => (r.kind === 'blocks' ? r.blocks.flatMap((b) => words(b.text)) : r.parts.filter((p) => p.removed).flatMap((p) => words(p.text))))),
          expected.removed,
        );
        moved.add(diff.changes.flatMap((c) => (c.moved ? current.blocks.slice(c.moved.start, c.moved.end).flatMap((b) => words(b.text)) : [])), expected.moved);
      }
      previous = current;
    }
    console.log(
      `${page.generator} ${page.slug}: ${page.versions.length} versions, ${unchangedDeploys} deploys with the article unchanged; ` +
        `added P/R ${added.precision.toFixed(3)}/${added.recall.toFixed(3)} of ${added.expected}, removed P/R ${removed.precision.toFixed(3)}/${removed.recall.toFixed(3)} of ${removed.expected}, ` +
        `moved P/R ${moved.precision.toFixed(3)}/${moved.recall.toFixed(3)} of ${moved.expected}`,
    );
    expect(page.versions.length).toBeGreaterThanOrEqual(10);
    expect(added.precision).toBeGreaterThanOrEqual(0.98);
    expect(added.recall).toBeGreaterThanOrEqual(0.98);
    expect(removed.precision).toBeGreaterThanOrEqual(0.98);
    expect(removed.recall).toBeGreaterThanOrEqual(0.98);
  });
});
