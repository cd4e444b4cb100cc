import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { genericIgnore } from '../../lib/sites/generic-docs';
import { compileTagRules } from '../../lib/sites/tag-rules';

// The skip rules asked of one tag without a DOM (how the markdown reader skips what the page's
// reader skips) must mean what the selectors mean to a selector engine: every rule of the list
// is checked against linkedom's `matches` on tags made from the names and values the list uses.
const { document } = parseHTML('<!doctype html><html><body></body></html>');

const names = [...new Set(['div', 'span', 'p', 'a', ...genericIgnore.filter((selector) => /^[a-z]+$/.test(selector))])];
const attributeValues: Array<[string, string[]]> = [
  ['hidden', ['']],
  ['aria-hidden', ['true', 'false']],
  ['role', ['tabpanel', 'note']],
  ['style', ['display: none', 'display:none', 'color: red']],
  ['class', ['headerlink', 'sr-only', 'md-source-file x', 'print:hidden flex', 'language-js', 'plain', 'visually-hidden']],
  ['id', ['__comments', 'intro']],
];

/** Every class and id the list names, on a tag of its own. */
const namedInList = [
  ...[...genericIgnore.join(' ').matchAll(/\.([\w-]+)/g)].map((m) => ['class', m[1]!] as const),
  ...[...genericIgnore.join(' ').matchAll(/#([\w-]+)/g)].map((m) => ['id', m[1]!] as const),
  ...[...genericIgnore.join(' ').matchAll(/\[class\*="([^"]+)"\]/g)].map((m) => ['class', `md:flex ${m[1]!}`] as const),
];

/** Every tag from a few names and every combination of up to two of the list's attributes. */
function* tags(): Generator<{ name: string; attributes: Map<string, string> }> {
  for (const name of names) {
    yield { name, attributes: new Map() };
    for (const [attribute, value] of namedInList) yield { name, attributes: new Map([[attribute, value]]) };
    for (let a = 0; a < attributeValues.length; a++) {
      for (const va of attributeValues[a]![1]) {
        yield { name, attributes: new Map([[attributeValues[a]![0], va]]) };
        for (let b = a + 1; b < attributeValues.length; b++) {
          for (const vb of attributeValues[b]![1]) yield { name, attributes: new Map([[attributeValues[a]![0], va], [attributeValues[b]![0], vb]]) };
        }
      }
    }
  }
}

describe('skip rules asked of one tag', () => {
  test('every rule of the generic list that one tag can answer agrees with a selector engine', () => {
    const compound = genericIgnore.filter((selector) => !/[\s>+~]/.test(selector.replace(/"[^"]*"/g, '""')));
    expect(compound.length).toBeGreaterThan(50);
    let checked = 0;
    for (const selector of compound) {
      const rule = compileTagRules([selector]);
      let matched = 0;
      for (const tag of tags()) {
        const element = document.createElement(tag.name);
        for (const [name, value] of tag.attributes) element.setAttribute(name, value);
        const expected = element.matches(selector);
        expect(rule(tag), `${selector} on <${tag.name} ${[...tag.attributes].map(([n, v]) => `${n}="${v}"`).join(' ')}>`).toBe(expected);
        if (expected) matched++;
        checked++;
      }
      // Each rule met a tag it skips: a rule the compiler dropped could not pass unnoticed.
      expect(matched, selector).toBeGreaterThan(0);
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  test('rules with combinators are left out: one tag cannot answer them', () => {
    const rule = compileTagRules(['.td-content > .text-muted', 'div p', '[class*="language-"] > span.lang']);
    expect(rule({ name: 'span', attributes: new Map([['class', 'lang text-muted']]) })).toBe(false);
  });

  test("a JSX component is not an HTML element of the same name; JSX's className is class", () => {
    const rule = compileTagRules(['button', '.sr-only']);
    expect(rule({ name: 'Button', attributes: new Map() })).toBe(false);
    expect(rule({ name: 'button', attributes: new Map() })).toBe(true);
    expect(rule({ name: 'span', attributes: new Map([['className', 'sr-only']]) })).toBe(true);
  });
});
