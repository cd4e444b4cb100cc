// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { canonicalHref } from '../../lib/content/canonical-link';

describe("the page's canonical link", () => {
  test('is read from <head>', () => {
    document.head.innerHTML = '<link rel="canonical" href="https://docs.example.org/guide/">';
    document.body.innerHTML = '<p>Text</p>';
    expect(canonicalHref(document)).toBe('https://docs.example.org/guide/');
  });

  test('a canonical link in the body (user content, a widget) is ignored', () => {
    document.head.innerHTML = '<title>Forum post</title>';
    document.body.innerHTML = '<div class="post"><link rel="canonical" href="https://docs.example.org/guide/"></div>';
    expect(canonicalHref(document)).toBeNull();
  });
});
