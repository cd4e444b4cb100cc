import { describe, expect, test } from 'vitest';
import { htmlBlocks } from '../../lib/feed/html-blocks';
import { contentBlocks } from '../../lib/feed/content-blocks';
import { findSite } from '../../lib/sites/find-site';
import { loadCorpus, readHtml } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';

describe('a feed\'s HTML version is read like the live page', () => {
  // Every fourth version of every corpus page, both page themes included.
  const samples = loadCorpus().flatMap((page) => page.versions.filter((_, i) => i % 4 === 0).map((version) => ({ page, version })));

  test.each(samples.map((s) => [`${s.page.slug} ${s.version.stem}`, s] as const))('%s: the same blocks as the browser-side extraction', (_name, { page, version }) => {
    const fromFeed = htmlBlocks(readHtml(version), findSite(new URL(page.url)));
    // The site's navigation, header and footer are not part of the article.
    expect(fromFeed).toEqual(corpusBlocks(page, version));
  });

  test('an article fragment without a page around it is read whole; hostile markup is only text', () => {
    const blocks = contentBlocks('html', new TextEncoder().encode(
      '<h2>Limits</h2><p>At most <b>5</b> requests.</p><script>globalThis.pwned = 1</script><img src=x onerror="globalThis.pwned = 2"><pre>a = 1\nb = 2</pre>',
    ), undefined);
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, text: 'Limits' },
      { kind: 'paragraph', level: 0, text: 'At most 5 requests.' },
      { kind: 'code', level: 0, text: 'a = 1' },
      { kind: 'code', level: 0, text: 'b = 2' },
    ]);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });
});
