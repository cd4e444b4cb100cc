import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Block } from '../../lib/blocks';
import { diffPages } from '../../lib/diff/diff-pages';
import { MIN_MOVED_WORDS } from '../../lib/diff/moves';
import { markdownToBlocks } from '../../lib/markdown/markdown-blocks';
import { directReaders } from '../../lib/published/direct-readers';
import { addedWords, movedWords, removedWords } from '../support/change-words';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';
import { loadGeneratorCorpora } from '../support/generator-corpora';
import { referenceDiffWithMoves } from '../support/moved-reference';
import { readMarkdown, sourcePages, versionsOf } from '../support/source-corpora';
import { Score, wordCount } from '../support/word-accuracy';

// Every real pair of versions in the repository's corpora where a passage moved, across
// generators: the DRF pages (MkDocs, served HTML), mkdocstrings (MkDocs Material, served
// HTML), Astro (Starlight, MDX sources), gohugo.io (Hugo sources) and vuejs.org (VitePress
// sources, tests/fixtures/moved-pairs). A pair counts when the reference word diff with moves,
// built from the two versions' blocks (tests/support/moved-reference.ts), finds a moved passage
// of MIN_MOVED_WORDS words or more.

interface Pair {
  generator: string;
  name: string;
  before: Block[];
  after: Block[];
}

function consecutive<T>(versions: readonly T[], read: (version: T) => Block[], generator: string, name: (a: T, b: T) => string): Pair[] {
  const pairs: Pair[] = [];
  let previous: { version: T; blocks: Block[] } | null = null;
  for (const version of versions) {
    const blocks = read(version);
    if (previous) pairs.push({ generator, name: name(previous.version, version), before: previous.blocks, after: blocks });
    previous = { version, blocks };
  }
  return pairs;
}

const vueRoot = join(import.meta.dirname, '../fixtures/moved-pairs/vue-docs');
const sourceGenerators = new Map((JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/markdown-sources/manifest.json'), 'utf8')) as { sources: Array<{ slug: string; generator: string }> }).sources.map((source) => [source.slug, source.generator]));
const candidates: Pair[] = [
  ...loadCorpus().flatMap((page) => consecutive(page.versions, (v) => corpusBlocks(page, v), 'MkDocs (DRF)', (a, b) => `${page.slug} ${a.stem} → ${b.stem}`)),
  ...loadGeneratorCorpora().flatMap((page) => consecutive(page.versions, (v) => directReaders.articleBlocks(readFileSync(v.file, 'utf8'), undefined, { wholeWithoutRoot: false }) ?? [], page.generator, (a, b) => `${page.corpus}/${page.slug} ${a.file} → ${b.file}`)),
  ...sourcePages.flatMap((page) => consecutive(versionsOf(page), (v) => readMarkdown(page, v.source), `${sourceGenerators.get(page.corpus) ?? page.corpus} (${page.corpus})`, (a, b) => `${page.name} ${a.file} → ${b.file}`)),
  ...readdirSync(vueRoot, { withFileTypes: true }).filter((entry) => entry.isDirectory()).flatMap((page) =>
    consecutive(readdirSync(join(vueRoot, page.name)).sort(), (file) => markdownToBlocks(readFileSync(join(vueRoot, page.name, file), 'utf8')), 'VitePress (vuejs.org)', (a, b) => `vue-docs/${page.name} ${a} → ${b}`)),
];

const withMoves = candidates.flatMap((pair) => {
  const expected = referenceDiffWithMoves(pair.before.map((b) => b.text), pair.after.map((b) => b.text));
  return wordCount(expected.moved) >= MIN_MOVED_WORDS ? [{ ...pair, expected }] : [];
});

describe('moved passages on real pairs, across generators', () => {
  test('at least 20 pairs from at least three generators', () => {
    const generators = new Set(withMoves.map((pair) => pair.generator));
    console.log(`moved pairs: ${withMoves.length} — ${[...generators].map((g) => `${g} ${withMoves.filter((p) => p.generator === g).length}`).join(', ')}`);
    expect(withMoves.length).toBeGreaterThanOrEqual(20);
    expect(generators.size).toBeGreaterThanOrEqual(3);
  });

  test('moved words are neither highlighted nor listed as removed: P/R of moved ≥ 0.95, of what is still added and removed ≥ 0.98', () => {
    const byGenerator = new Map<string, { moved: Score; added: Score; removed: Score }>();
    for (const pair of withMoves) {
      const scores = byGenerator.get(pair.generator) ?? { moved: new Score(), added: new Score(), removed: new Score() };
      const diff = diffPages(pair.before, pair.after);
      scores.moved.add(movedWords(pair.after, diff), pair.expected.moved);
      scores.added.add(addedWords(pair.after, diff), pair.expected.added);
      scores.removed.add(removedWords(diff), pair.expected.removed);
      byGenerator.set(pair.generator, scores);
    }
    const all = { moved: new Score(), added: new Score(), removed: new Score() };
    for (const [generator, scores] of byGenerator) {
      console.log(`${generator}: moved P/R ${scores.moved.precision.toFixed(3)}/${scores.moved.recall.toFixed(3)} of ${scores.moved.expected}, added ${scores.added.precision.toFixed(3)}/${scores.added.recall.toFixed(3)}, removed ${scores.removed.precision.toFixed(3)}/${scores.removed.recall.toFixed(3)}`);
      for (const kind of ['moved', 'added', 'removed'] as const) all[kind].merge(scores[kind]);
    }
    expect(all.moved.precision).toBeGreaterThanOrEqual(0.95);
    expect(all.moved.recall).toBeGreaterThanOrEqual(0.95);
    for (const kind of ['added', 'removed'] as const) {
      expect(all[kind].precision, kind).toBeGreaterThanOrEqual(0.98);
      expect(all[kind].recall, kind).toBeGreaterThanOrEqual(0.98);
    }
  });
});
