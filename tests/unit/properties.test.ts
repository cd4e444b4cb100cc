import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BackupError, parseBackup } from '../../lib/backup/import-backup';
import type { Block } from '../../lib/blocks';
import { diffPages } from '../../lib/diff/diff-pages';
import { FeedError } from '../../lib/feed/feed-error';
import { parseFeedIndex, parsePageShard, parseVersionList } from '../../lib/feed/parse-feed-file';
import { markdownToBlocks } from '../../lib/markdown/markdown-blocks';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { overlap } from '../support/word-accuracy';

// Few words, so random pages share a lot and the diff has real work to do.
const word = fc.constantFrom('the', 'api', 'key', 'returns', 'a', 'list', 'of', 'users', 'default', 'None', 'True', '`id`', '42', 'é', 'x'.repeat(30));
const block: fc.Arbitrary<Block> = fc.record({
  kind: fc.constantFrom('heading', 'paragraph', 'list-item', 'code', 'table-cell'),
  level: fc.integer({ min: 0, max: 6 }),
  text: fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => words.join(' ')),
});
const page = fc.array(block, { maxLength: 30 });
const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** Whether `small` appears in `big` in order (not necessarily together). */
function isSubsequence(small: readonly string[], big: readonly string[]): boolean {
  let i = 0;
  for (const item of big) if (item === small[i]) i++;
  return i === small.length;
}

describe('the diff engine, on any pages', () => {
  test('never throws, keeps its spans inside the new blocks, and what it keeps and removes comes from the old page', () => {
    fc.assert(fc.property(page, page, (before, after) => {
      const diff = diffPages(before, after);
      const added = diff.changes.flatMap((change) => change.added);
      for (const span of added) {
        expect(span.block).toBeGreaterThanOrEqual(0);
        expect(span.block).toBeLessThan(after.length);
        expect(span.start).toBeGreaterThanOrEqual(0);
        expect(span.end).toBeLessThanOrEqual(after[span.block]!.text.length);
        expect(span.start).toBeLessThan(span.end);
      }
      // Kept text: every new block with its added spans cut out. Kept + added rebuild the new page.
      const kept: string[] = [];
      after.forEach((b, i) => {
        const spans = added.filter((s) => s.block === i).sort((x, y) => x.start - y.start);
        let text = '';
        let at = 0;
        for (const span of spans) {
          text += `${b.text.slice(at, span.start)} `;
          at = Math.max(at, span.end);
        }
        kept.push(...words(text + b.text.slice(at)));
      });
      const oldWords = before.flatMap((b) => words(b.text));
      expect(isSubsequence(kept, oldWords)).toBe(true);
      const removed = diff.changes.flatMap((c) => c.removed).flatMap((p) => (p.kind === 'blocks' ? p.blocks.flatMap((b) => words(b.text)) : p.parts.filter((x) => x.removed).flatMap((x) => words(x.text))));
      // Removed passages are listed by where they show, not in old-page order: each removed word
      // (counting repeats) was in the old page, and kept + removed never exceed it.
      expect(overlap(removed, oldWords)).toBe(removed.length);
      expect(kept.length + removed.length).toBeLessThanOrEqual(oldWords.length);
      expect(diff.addedWords).toBeGreaterThanOrEqual(0);
    }), { numRuns: 400 });
  });

  test('the same words cut into other blocks (a theme change, a wrapper added) are no change', () => {
    // Prose re-cut at random places: blocks joined and split, kinds changed, the words and their order kept.
    const prose = fc.array(fc.record({ kind: fc.constantFrom('heading', 'paragraph', 'list-item', 'table-cell'), level: fc.integer({ min: 0, max: 6 }), text: block.map((b) => b.text) }), { maxLength: 30 });
    const cuts = fc.array(fc.record({ size: fc.integer({ min: 1, max: 8 }), kind: fc.constantFrom('heading', 'paragraph', 'list-item', 'table-cell') }), { minLength: 1, maxLength: 40 });
    fc.assert(fc.property(prose, cuts, (before, recut) => {
      const all = before.flatMap((b) => words(b.text));
      const after: Block[] = [];
      for (let at = 0, i = 0; at < all.length; i++) {
        const { size, kind } = recut[i % recut.length]!;
        after.push({ kind, level: 0, text: all.slice(at, at + size).join(' ') });
        at += size;
      }
      const diff = diffPages(before as Block[], after);
      expect([diff.addedWords, diff.removedWords, diff.changes.length]).toEqual([0, 0, 0]);
    }), { numRuns: 300 });
  });

  test('a page compared with itself has no changes', () => {
    fc.assert(fc.property(page, (blocks) => {
      expect(diffPages(blocks, blocks).changes).toEqual([]);
    }), { numRuns: 200 });
  });
});

describe('the feed validator and the import parser, on any input', () => {
  const text = fc.oneof(fc.json({ maxDepth: 6 }), fc.string(), fc.jsonValue().map((v) => JSON.stringify({ format: 'docdelta-feed', version: 1, ...(typeof v === 'object' && v ? v : { v }) })));
  test('refuse with their own clear error, never anything else, and never pollute prototypes', () => {
    fc.assert(fc.property(text, (input) => {
      for (const parse of [parseFeedIndex, parsePageShard, parseVersionList]) {
        try {
          parse(input, 'https://feed.example.org/index.json');
        } catch (error) {
          expect(error).toBeInstanceOf(FeedError);
        }
      }
      try {
        parseBackup(input);
      } catch (error) {
        expect(error).toBeInstanceOf(BackupError);
      }
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    }), { numRuns: 500 });
  });
});

describe('names a source writes are looked up as data, never through prototypes', () => {
  // Every name every object inherits, in every place a template dialect or rule table looks a name up.
  const inherited = Object.getOwnPropertyNames(Object.prototype);
  const uses = (name: string) => [
    `{{< ${name} >}}`, `{{< ${name} "a" >}}`, `{{< ${name} >}}body{{< /${name} >}}`, `{{% ${name} %}}`, `{{< heading ${name} >}}`,
    `{% include ${name} %}`, `{% include ${name} text="a" %}`, `{% ${name} %}`, `{{ ${name} }}`, `{{ site.${name} }}`,
    `{{${name}}}`, `{{${name}("a", "b")}}`, `---\nlayout: ${name}\ntitle: Title\n---\n`, `<${name}>a</${name}>`, `:::${name}\na\n:::`, `!!! ${name}\n    a`,
  ];
  const dialects = [...builtinSites.flatMap((site) => (site.markdown ? [[site.id, site.markdown] as const] : [])), ['plain', {}] as const];

  test.each(dialects)('%s: no throw, and nothing inherited is read as page text', (_id, dialect) => {
    for (const name of inherited) {
      for (const use of uses(name)) {
        const text = markdownToBlocks(`# Page\n\n${use}\n\nEnd.`, dialect).map((block) => block.text).join('\n');
        // What an inherited function or object prints when taken for a label or a template.
        expect(text, use).not.toMatch(/native code|\[object |=>/);
        expect(text, use).toMatch(/End\.$/);
      }
    }
  });
});
