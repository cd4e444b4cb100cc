/**
 * The skip rules (CSS selectors, `lib/sites/generic-docs.ts`) answered for one tag and its
 * attributes, without a DOM: how the markdown reader skips what the page's reader skips, from
 * the same list. A selector that needs more than the tag itself (a combinator: `a > b`, `a b`)
 * cannot be answered from one tag and is left out; so are pseudo-classes other than `:not()`.
 */

/** A tag as markdown holds it: its lower-case name (HTML) or its own (a JSX component), and its attributes. */
export interface SourceTag {
  name: string;
  attributes: ReadonlyMap<string, string>;
}

type Test = (tag: SourceTag) => boolean;

/** One predicate for the selectors that a single tag can answer; true when any of them matches. */
export function compileTagRules(selectors: readonly string[]): (tag: SourceTag) => boolean {
  // Most rules are a lone class or element name: those are looked up in a set, once per tag,
  // so a source full of tags is not asked every rule in turn (the rest are).
  const classes = new Set<string>();
  const types = new Set<string>();
  const tests: Test[] = [];
  for (const selector of selectors) {
    const lone = /^(?:\.([\w-]+)|([a-z][\w-]*))$/.exec(selector.trim());
    if (lone?.[1]) classes.add(lone[1]);
    else if (lone?.[2]) types.add(lone[2]);
    else {
      const test = compileCompound(selector);
      if (test) tests.push(test);
    }
  }
  return (tag) => {
    if (types.has(tag.name)) return true;
    const classList = attribute(tag, 'class');
    if (classList && classes.size && classList.split(/\s+/).some((name) => classes.has(name))) return true;
    return tests.some((test) => test(tag));
  };
}

/** `class` is spelt `className` in JSX; every other name is read as written, lower-cased. */
function attribute(tag: SourceTag, name: string): string | undefined {
  return tag.attributes.get(name) ?? (name === 'class' ? tag.attributes.get('className') : undefined);
}

const COMPOUND_PART = /^(?:(\*|[a-zA-Z][\w-]*)|\.([\w-]+)|#([\w-]+)|\[\s*([\w-]+)\s*(?:([*^$~|]?=)\s*(?:"([^"]*)"|'([^']*)'|([\w-]+))\s*)?\]|:not\(([^()]*)\))/;

/** A compound selector (no combinators) as a test on one tag, or null when it is not one. */
function compileCompound(selector: string): Test | null {
  const parts: Test[] = [];
  let rest = selector.trim();
  if (!rest) return null;
  while (rest) {
    const match = COMPOUND_PART.exec(rest);
    if (!match) return null;
    const [whole, type, className, id, attr, operator, double, single, bare, negated] = match;
    if (type !== undefined) {
      // Type selectors name HTML elements; a JSX component (`<Button>`) is not one.
      if (type !== '*') parts.push((tag) => tag.name === type.toLowerCase());
    } else if (className !== undefined) {
      parts.push((tag) => (attribute(tag, 'class') ?? '').split(/\s+/).includes(className));
    } else if (id !== undefined) {
      parts.push((tag) => attribute(tag, 'id') === id);
    } else if (attr !== undefined) {
      parts.push(attributeTest(attr.toLowerCase(), operator, double ?? single ?? bare));
    } else {
      const inner = compileCompound(negated!);
      if (!inner) return null;
      parts.push((tag) => !inner(tag));
    }
    rest = rest.slice(whole.length);
  }
  return (tag) => parts.every((part) => part(tag));
}

function attributeTest(name: string, operator: string | undefined, expected: string | undefined): Test {
  return (tag) => {
    const value = attribute(tag, name);
    if (value === undefined) return false;
    if (operator === undefined || expected === undefined) return true;
    switch (operator) {
      case '=':
        return value === expected;
      case '*=':
        return expected !== '' && value.includes(expected);
      case '^=':
        return expected !== '' && value.startsWith(expected);
      case '$=':
        return expected !== '' && value.endsWith(expected);
      case '~=':
        return value.split(/\s+/).includes(expected);
      default: // |=
        return value === expected || value.startsWith(`${expected}-`);
    }
  };
}
