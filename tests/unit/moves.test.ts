import { describe, expect, test } from 'vitest';
import type { Block } from '../../lib/blocks';
import { diffPages } from '../../lib/diff/diff-pages';
import { defaultLimits } from '../../lib/diff/limits';

const h = (text: string): Block => ({ kind: 'heading', level: 2, text });
const p = (text: string): Block => ({ kind: 'paragraph', level: 0, text });
const code = (text: string): Block => ({ kind: 'code', level: 0, text });

const install = [h('Installation'), p('Install the package with pip and add it to your installed applications list before you run migrations.'), code('pip install example-package')];
const usage = [h('Usage'), p('Import the client, give it your token, and call one of its methods; every call returns a plain dictionary.')];
const faq = [h('Questions'), p('Most questions about tokens and sessions are answered in the authentication guide of this documentation.')];

describe('passages that moved', () => {
  test('a section moved down is one change of kind moved: nothing added, nothing removed', () => {
    const diff = diffPages([...install, ...usage, ...faq], [...usage, ...faq, ...install]);
    expect(diff.changes).toHaveLength(1);
    const [change] = diff.changes;
    // It stood at the page's top.
    expect(change!.moved).toMatchObject({ start: 4, end: 7, direction: 'down', after: null });
    expect(change!.added).toEqual([]);
    expect(change!.removed).toEqual([]);
    expect([diff.addedWords, diff.removedWords]).toEqual([0, 0]);
    expect(diff.movedWords).toBeGreaterThan(15);
  });

  test('when two sections trade places, the shorter one is the one that moved', () => {
    const long = [h('Reference'), ...Array.from({ length: 6 }, (_, i) => p(`Paragraph ${i} of the reference explains one more option of the client in detail.`))];
    const diff = diffPages([...long, ...usage], [...usage, ...long]);
    expect(diff.changes).toHaveLength(1);
    // It stood after the long section's last block, now the page's ninth.
    expect(diff.changes[0]!.moved).toMatchObject({ start: 0, end: 2, direction: 'up', after: 8 });
  });

  test('a passage edited on the way is moved, with the edit shown inside it', () => {
    const edited = p('Install the package with pip and add it to your installed applications list before you run the migrations.');
    const diff = diffPages([...install, ...usage, ...faq], [...usage, ...faq, install[0]!, edited, install[2]!]);
    expect(diff.changes).toHaveLength(1);
    const change = diff.changes[0]!;
    expect(change.moved).toMatchObject({ start: 4, end: 7 });
    expect(change.added.map((span) => edited.text.slice(span.start, span.end))).toEqual(['the']);
    expect(diff.addedWords).toBe(1);
    expect(diff.removedWords).toBe(0);
  });

  test('a repeated block inside a moved section moves with it', () => {
    const brace = code('}');
    const section = [h('Configuration'), code('settings = {'), brace, p('The settings above are read once, when the application starts, and never again.')];
    const diff = diffPages([...section, ...usage, ...faq, brace], [...usage, ...faq, ...section, brace]);
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]!.moved).toMatchObject({ start: 4, end: 8 });
  });

  test('a passage under the threshold is shown as removed and added, as before', () => {
    const short = p('See also: tokens.');
    const diff = diffPages([short, ...usage, ...faq], [...usage, ...faq, short]);
    expect(diff.changes.some((change) => change.moved)).toBe(false);
    expect([diff.addedWords, diff.removedWords]).toEqual([3, 3]);
  });

  test('a site can ask for moves to be shown as edits (movesAreEdits)', () => {
    const diff = diffPages([...install, ...usage, ...faq], [...usage, ...faq, ...install], { ...defaultLimits, movesAreEdits: true });
    expect(diff.movedWords).toBe(0);
    expect(diff.addedWords).toBeGreaterThan(15);
    expect(diff.removedWords).toBe(diff.addedWords);
  });

  test('edits elsewhere keep their places in the whole page, in page order', () => {
    const changedFaq = [h('Questions'), p('Most questions about tokens are answered in the authentication guide of this documentation.')];
    const after = [...usage, ...changedFaq, ...install];
    const diff = diffPages([...install, ...usage, ...faq], after);
    expect(diff.changes.map((change) => (change.moved ? 'moved' : 'edit'))).toEqual(['edit', 'moved']);
    const edit = diff.changes[0]!;
    expect(edit.firstBlock).toBe(3);
    expect(edit.section).toBe('Questions');
    expect(edit.removed).toEqual([expect.objectContaining({ kind: 'wording', block: 3 })]);
  });
});
