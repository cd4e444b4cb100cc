import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffArrays } from 'diff';
import { describe, expect, test } from 'vitest';
import { markdownToBlocks } from '../../lib/markdown/markdown-blocks';
import { renderedMdxWords } from '../support/mdx-render';
import { Score } from '../support/word-accuracy';

const root = 'tests/fixtures/markdown-sources';
const pages = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((site) => readdirSync(join(root, site.name)).map((page) => ({ name: `${site.name}/${page}`, dir: join(root, site.name, page) })));

const ourWords = (source: string) => markdownToBlocks(source).flatMap((block) => block.text.split(/\s+/).filter(Boolean));
const changedWords = (a: string[], b: string[]) => {
  const added: string[] = [];
  const removed: string[] = [];
  for (const part of diffArrays(a, b)) {
    if (part.added) added.push(...part.value);
    if (part.removed) removed.push(...part.value);
  }
  return { added, removed };
};

describe('real MDX sources read like the MDX compiler renders them', () => {
  const added = new Score();
  const removed = new Score();
  test.each(pages.map((page) => [page.name, page] as const))('%s', (_name, page) => {
    const versions = readdirSync(page.dir).sort().map((file) => readFileSync(join(page.dir, file), 'utf8'));
    expect(versions.length).toBeGreaterThan(1);
    const words = (source: string) => renderedMdxWords(source).length;
    expect(words(versions[0]!), 'the rendered reference is a real page').toBeGreaterThan(500);
    let differing = 0;
    let total = 0;
    let previous: { ours: string[]; rendered: string[] } | null = null;
    for (const source of versions) {
      const rendered = renderedMdxWords(source);
      const ours = ourWords(source);
      const diff = changedWords(rendered, ours);
      differing += Math.max(diff.added.length, diff.removed.length);
      total += rendered.length;
      if (previous) {
        const reference = changedWords(previous.rendered, rendered);
        const fromSource = changedWords(previous.ours, ours);
        added.add(fromSource.added, reference.added);
        removed.add(fromSource.removed, reference.removed);
      }
      previous = { ours, rendered };
    }
    console.log(`${page.name}: ${versions.length} versions, ${((100 * differing) / total).toFixed(2)}% of rendered words differ`);
    expect(differing / total, 'words that differ from the rendered page').toBeLessThanOrEqual(0.01);
  }, 120_000);

  test('changes between versions agree with the rendered pages (P/R ≥ 0.98)', () => {
    console.log(`added P ${added.precision.toFixed(3)} R ${added.recall.toFixed(3)} (${added.expected}); removed P ${removed.precision.toFixed(3)} R ${removed.recall.toFixed(3)} (${removed.expected})`);
    expect(added.expected + removed.expected).toBeGreaterThan(100);
    for (const score of [added, removed]) {
      expect(score.precision).toBeGreaterThanOrEqual(0.98);
      expect(score.recall).toBeGreaterThanOrEqual(0.98);
    }
  });
});
