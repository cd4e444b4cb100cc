import { inShadowRoots, pageScripts, type AnyPage, type PageLike } from '../../harness/closed-shadow';
import { words } from './word-accuracy';

/** What the reader sees of DocDelta on a page, read from the main world. */

export type { PageLike } from '../../harness/closed-shadow';

export interface OverlayProbe {
  highlighted: string[];
  ghostRemoved: string[];
  ghostCount: number;
  overlayHost: boolean;
}

/** What the overlay shows, as the reference's tokens (words and punctuation, see word-accuracy.ts). */
export async function probeOverlay(page: AnyPage): Promise<OverlayProbe> {
  const seen = await pageScripts(page).evaluate(() => {
    const highlight = CSS.highlights.get('docdelta-added');
    const highlighted = highlight ? [...highlight].flatMap((range) => (range as Range).toString().split(/\s+/).filter(Boolean)) : [];
    return { highlighted, overlayHost: !!document.querySelector('docdelta-overlay') };
  });
  // The ghosts' text is in closed shadow roots, out of the page's reach.
  const ghosts = await inShadowRoots(page, 'docdelta-removed', (root) => [...root.querySelectorAll('del')].map((del) => del.textContent ?? ''));
  const ghostRemoved = ghosts.flat().flatMap((text) => text.split(/\s+/).filter(Boolean));
  return { ...seen, ghostCount: ghosts.length, highlighted: seen.highlighted.flatMap(words), ghostRemoved: ghostRemoved.flatMap(words) };
}

/**
 * The visible words of a version's article, computed independently of
 * DocDelta: the rendered innerText of the article with non-content elements
 * (permalink glyphs, buttons, navigation) removed.
 */
export function visibleArticleText(page: PageLike, rootSelectors: string[], ignoreSelector: string): Promise<string> {
  return page.evaluate(
    ({ selectors, ignore }) => {
      const root = selectors.map((s) => document.querySelector(s)).find((el) => el && (el.textContent ?? '').trim().length >= 80);
      if (!root) return '';
      root.querySelectorAll(ignore).forEach((el) => el.remove());
      return (root as HTMLElement).innerText;
    },
    { selectors: rootSelectors, ignore: ignoreSelector },
  );
}

type Box = { x: number; y: number; width: number; height: number };

/**
 * Scrolls the first added-words highlight into view and returns its box (at least 4 px each
 * way), in the viewport's coordinates (Playwright's screenshot clip) and the document's (puppeteer's).
 */
export function firstHighlightBox(page: PageLike): Promise<{ viewport: Box; document: Box }> {
  return page.evaluate(() => {
    const range = [...CSS.highlights.get('docdelta-added')!][0] as Range;
    range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
    const rect = range.getBoundingClientRect();
    const viewport = { x: Math.max(rect.x, 0), y: Math.max(rect.y, 0), width: Math.max(rect.width, 4), height: Math.max(rect.height, 4) };
    return { viewport, document: { ...viewport, x: viewport.x + scrollX, y: viewport.y + scrollY } };
  });
}
