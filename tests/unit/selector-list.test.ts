// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { splitSelectorList } from '../../lib/extract/selector-list';
import { genericIgnore } from '../../lib/sites/generic-docs';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { ignoreSelector } from '../../lib/sites/find-site';

describe('a selector list, one selector at a time', () => {
  test('every built-in rule comes back as it was written', () => {
    expect(splitSelectorList(genericIgnore.join(','))).toEqual(genericIgnore);
    for (const site of builtinSites) expect(splitSelectorList(ignoreSelector(site))).toEqual([...genericIgnore, ...(site.ignore ?? [])]);
  });

  test('commas inside functions, attribute values, quotes and escapes do not split', () => {
    expect(splitSelectorList(':is(.a, .b) > p, [data-x="1,2"], [title=\'a,b\'] .c, .d\\,e, :not([a], [b])')).toEqual([
      ':is(.a, .b) > p',
      '[data-x="1,2"]',
      "[title='a,b'] .c",
      '.d\\,e',
      ':not([a], [b])',
    ]);
  });

  test('the pieces match what the list matches, on a real document', () => {
    document.body.innerHTML = '<p class="a">x</p><p class="b">y</p><span title="a,b">z</span><i data-x="1,2">w</i><b>v</b>';
    const list = ':is(.a, .nope), [title="a,b"], i[data-x="1,2"]';
    const whole = new Set(document.querySelectorAll(list));
    const pieces = new Set(splitSelectorList(list).flatMap((selector) => [...document.querySelectorAll(selector)]));
    expect(pieces).toEqual(whole);
    expect(whole.size).toBe(3);
  });
});
