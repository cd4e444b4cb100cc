import { pageScripts, type AnyPage, type PageLike } from '../../harness/closed-shadow';
import { inLayer, layerBox, paintSettled } from '../../harness/layer-reader';
import { words } from './word-accuracy';

/** What the reader sees of DocDelta on a page, read from the main world. */

export type { PageLike } from '../../harness/closed-shadow';

export interface OverlayProbe {
  highlighted: string[];
  ghostRemoved: string[];
  /** Page text shown as moved here (`data-docdelta-moved`). */
  moved: string[];
  /** Tags where a passage moved away from. */
  movedAway: string[];
  ghostCount: number;
  overlayHost: boolean;
}

/**
 * What the overlay shows, as the reference's tokens (words and punctuation, see word-accuracy.ts),
 * read through the test contract (product.md): in DocDelta's paint layer, every stretch of page
 * text shown as added is a `data-docdelta-added` element whose text is that page text, and every
 * removed passage or word a `data-docdelta-removed` element.
 */
export async function probeOverlay(page: AnyPage): Promise<OverlayProbe> {
  const overlayHost = await pageScripts(page).evaluate(() => !!document.querySelector('docdelta-overlay'));
  await paintSettled(page);
  const seen = await inLayer(page, 'paint', () => ({
    added: [...document.querySelectorAll('[data-docdelta-added]')].map((element) => element.textContent ?? ''),
    removed: [...document.querySelectorAll('[data-docdelta-removed]')].map((element) => element.textContent ?? ''),
    moved: [...document.querySelectorAll('[data-docdelta-moved] > [hidden]')].map((element) => element.textContent ?? ''),
    movedAway: [...document.querySelectorAll('.moved-away .tag')].map((element) => element.textContent ?? ''),
    marks: document.querySelectorAll('.removed:not(.moved-away)').length,
  }));
  const split = (texts: string[]) => texts.flatMap((text) => text.split(/\s+/).filter(Boolean)).flatMap(words);
  return { overlayHost, ghostCount: seen?.marks ?? 0, highlighted: split(seen?.added ?? []), ghostRemoved: split(seen?.removed ?? []), moved: split(seen?.moved ?? []), movedAway: seen?.movedAway ?? [] };
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
 * Scrolls the first box the paint layer draws over added text into view and returns where it is
 * (at least 4 px each way), in the viewport's coordinates (Playwright's screenshot clip) and the
 * document's (puppeteer's).
 */
export async function firstHighlightBox(page: AnyPage): Promise<{ viewport: Box; document: Box }> {
  await paintSettled(page);
  const inFrame = await inLayer(page, 'paint', () => {
    const rect = document.querySelector('.added .box')?.getBoundingClientRect();
    return rect ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null;
  });
  if (!inFrame) throw new Error('the paint layer has no added text');
  const frame = (await layerBox(page, 'paint'))!;
  await pageScripts(page).evaluate((y) => scrollBy(0, y - innerHeight / 2), frame.y + inFrame.y);
  const moved = (await layerBox(page, 'paint'))!;
  const scroll = await pageScripts(page).evaluate(() => ({ x: scrollX, y: scrollY }));
  const viewport = { x: Math.max(moved.x + inFrame.x, 0), y: Math.max(moved.y + inFrame.y, 0), width: Math.max(inFrame.width, 4), height: Math.max(inFrame.height, 4) };
  return { viewport, document: { ...viewport, x: viewport.x + scroll.x, y: viewport.y + scroll.y } };
}
