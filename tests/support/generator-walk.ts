import { readFileSync } from 'node:fs';
import type { GeneratorPage } from './generator-corpora';
import type { OverlayProbe, PageLike } from './page-probe';
import { Score } from './word-accuracy';
import { referenceFromRendered } from './moved-reference';

// The walk of one generator corpus page in a real browser, shared by Chromium and Firefox:
// each deploy is served on the DRF host (whose own selectors match none of these sites, so
// the generic rules read them, as for a site the reader added) and visited an hour after the
// one before, so DocDelta compares each deploy with the previous one. The reference is an
// independent token diff of the rendered article (the corpus's own selector, minus what its
// manifest names as not the docs' text).

export const GENERATOR_HOST = 'www.django-rest-framework.org';

export const generatorPageUrl = (page: GeneratorPage) => `http://${GENERATOR_HOST}/generators/${page.corpus}/${page.slug}/`;

export interface BrowserSide {
  /** Serves `html` at the page's URL, waits an hour (of stored views), visits, and returns the badge. */
  visit(html: string): Promise<string>;
  /** What the overlay shows in the visited tab. */
  probe(): Promise<OverlayProbe>;
  /** A scratch tab for the reference's rendering. */
  reference: PageLike & { load(html: string): Promise<void> };
}

export interface GeneratorWalk {
  added: Score;
  removed: Score;
  /** Deploys whose article text did not change, and how many of them showed anything. */
  unchangedDeploys: number;
  noisyDeploys: string[];
  /** Deploys where the badge said one thing and the overlay another. */
  disagreements: string[];
}

/** The rendered text of the article, read independently of DocDelta, every collapsed section open. */
export async function referenceText(side: BrowserSide, page: GeneratorPage, html: string): Promise<string> {
  await side.reference.load(html);
  return side.reference.evaluate(
    ({ selector, ignore }) => {
      const root = document.querySelector(selector) as HTMLElement | null;
      if (!root) return '';
      root.querySelectorAll(ignore).forEach((element) => element.remove());
      // What a reader can read: collapsed sections opened (DocDelta reads them and says so apart).
      root.querySelectorAll('details').forEach((details) => ((details as HTMLDetailsElement).open = true));
      return root.innerText;
    },
    { selector: page.articleSelector, ignore: ['script', 'style', 'noscript', 'svg', 'button', '[hidden]', '[aria-hidden="true"]', ...page.referenceIgnore].join(',') },
  );
}

export async function walkGeneratorPage(page: GeneratorPage, side: BrowserSide): Promise<GeneratorWalk> {
  const walk: GeneratorWalk = { added: new Score(), removed: new Score(), unchangedDeploys: 0, noisyDeploys: [], disagreements: [] };
  let previous: string | null = null;
  for (const version of page.versions) {
    const html = readFileSync(version.file, 'utf8');
    // The reference renders in its own tab while DocDelta reads the page in the reader's.
    const [badge, text] = await Promise.all([side.visit(html), referenceText(side, page, html)]);
    if (previous !== null) {
      // Passages that moved are neither added nor removed (diff/moves.ts).
      const expected = referenceFromRendered(previous, text);
      const seen = await side.probe();
      walk.added.add(seen.highlighted, expected.added);
      walk.removed.add(seen.ghostRemoved, expected.removed);
      const shown = seen.highlighted.length + seen.ghostRemoved.length + seen.moved.length;
      if ((badge === '') !== (shown === 0)) walk.disagreements.push(`${version.file}: badge "${badge}", ${shown} tokens shown`);
      if (expected.added.length + expected.removed.length + expected.moved.length === 0) {
        walk.unchangedDeploys++;
        if (badge !== '' || shown > 0) walk.noisyDeploys.push(`${version.file}: badge "${badge}"`);
      }
    }
    previous = text;
  }
  return walk;
}

/** The walks of one generator's pages, pooled. */
export function pooled(walks: readonly GeneratorWalk[]): GeneratorWalk {
  const total: GeneratorWalk = { added: new Score(), removed: new Score(), unchangedDeploys: 0, noisyDeploys: [], disagreements: [] };
  for (const walk of walks) {
    for (const key of ['added', 'removed'] as const) {
      total[key].shared += walk[key].shared;
      total[key].found += walk[key].found;
      total[key].expected += walk[key].expected;
    }
    total.unchangedDeploys += walk.unchangedDeploys;
    total.noisyDeploys.push(...walk.noisyDeploys);
    total.disagreements.push(...walk.disagreements);
  }
  return total;
}
