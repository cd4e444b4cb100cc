import type { Frame as PlaywrightFrame, Page as PlaywrightPage } from 'playwright-core';
import type { Frame as PuppeteerFrame, Page as PuppeteerPage } from 'puppeteer-core';
import type { AnyPage } from './closed-shadow';

// DocDelta draws a page's changes in its own frames (extension pages, cross-origin to the page,
// inside a closed shadow root): the paint layer over the article, and the navigator with its
// map of the page. No page script reaches them; a test reads them as browser tooling does, through the
// driver's frame tree (Playwright over CDP, puppeteer over WebDriver BiDi), and finds each by
// the role its document names (lib/pages/layer-frame.ts).

export type LayerRole = 'paint' | 'panel';

type AnyFrame = PlaywrightFrame | PuppeteerFrame;

const isPlaywright = (page: AnyPage): page is PlaywrightPage => typeof (page as PlaywrightPage).context === 'function';

const isExtensionUrl = (url: string) => url.startsWith('chrome-extension://') || url.startsWith('moz-extension://');

/** DocDelta's frame of `role` in the tab, or null while there is none. */
export async function layerFrame(page: AnyPage, role: LayerRole): Promise<AnyFrame | null> {
  const frames = (page as PlaywrightPage | PuppeteerPage).frames() as AnyFrame[];
  // Each frame is asked where it is: puppeteer over BiDi can go on naming an extension frame
  // about:blank after it loaded.
  for (const frame of frames.slice(1)) {
    const [href, named] = (await (frame as PlaywrightFrame).evaluate(() => [location.href, document.documentElement.dataset.role ?? '']).catch(() => ['', ''])) as [string, string];
    if (isExtensionUrl(href) && named === role) return frame;
  }
  return null;
}

/** Runs `fn` in DocDelta's frame of `role` (null when there is none); written as in page.evaluate. */
export async function inLayer<R, A = undefined>(page: AnyPage, role: LayerRole, fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R | null> {
  const frame = await layerFrame(page, role);
  if (!frame) return null;
  const evaluate = (frame as PuppeteerFrame).evaluate.bind(frame) as unknown as (f: typeof fn, a: A) => Promise<R>;
  return evaluate(fn, arg as A).catch(() => null);
}

/** Waits (a ceiling for hangs, no speed check) until the paint layer drew every mark of its latest pass; false without one. */
export async function paintSettled(page: AnyPage, limit = 20_000): Promise<boolean> {
  const deadline = Date.now() + limit;
  for (;;) {
    const painted = await inLayer(page, 'paint', () => document.documentElement.dataset.painted ?? '');
    if (painted === 'true') return true;
    if (painted === null || Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The text of the first element matching `selector` in the navigator ('' when there is none). */
export async function overlayText(page: AnyPage, selector: string): Promise<string> {
  return (await inLayer(page, 'panel', (s) => document.querySelector(s)?.textContent ?? '', selector)) ?? '';
}

/** The navigator's count as the reader reads it ("3 changes", "1 of 3"); '' without an overlay. */
export const shownCount = (page: AnyPage): Promise<string> => overlayText(page, '.count');

/** The text of every removed mark (whole removed blocks or old wordings, its tag left out), in page order. */
export async function ghostTexts(page: AnyPage): Promise<string[]> {
  await paintSettled(page);
  return (await inLayer(page, 'paint', () => [...document.querySelectorAll('.removed .text')].map((text) => [...text.children].map((line) => line.textContent ?? '').join('\n')))) ?? [];
}

/** How many stretches of page text the paint layer shows as added. */
export async function addedCount(page: AnyPage): Promise<number> {
  await paintSettled(page);
  return (await inLayer(page, 'paint', () => document.querySelectorAll('[data-docdelta-added]').length)) ?? 0;
}

/** How many removed marks the paint layer shows (not the tags where a passage moved away). */
export async function ghostCount(page: AnyPage): Promise<number> {
  await paintSettled(page);
  return (await inLayer(page, 'paint', () => document.querySelectorAll('.removed:not(.moved-away)').length)) ?? 0;
}

/**
 * Clicks the overlay's button named `name` (its aria-label or text) with the mouse, where the
 * reader sees it: in the navigator (a control, or a tick of its map: "Change 3").
 */
export async function clickInOverlay(page: AnyPage, name: string): Promise<void> {
  // A reader clicks in the tab in front of them; headless Chromium was seen to route a click to
  // the page, not into DocDelta's frame, in a tab the test had left behind another (a CI run
  // under load hung on "Mark as seen" once).
  await page.bringToFront();
  const frame = await layerFrame(page, 'panel');
  if (!frame) throw new Error(`no navigator to click "${name}" in`);
  const selector = `button[aria-label="${name}"]`;
  if (isPlaywright(page)) {
    const pwFrame = frame as PlaywrightFrame;
    const button = pwFrame.locator(selector).or(pwFrame.locator('button', { hasText: name })).first();
    if (await button.count()) {
      // A click that takes the navigator away ("Mark as seen") can leave Chromium's input
      // dispatch waiting on the removed frame: two CI runs under load hung 30 s in "performing
      // click action". The click was delivered when its frame is gone; the test asserts its effect.
      return button.click({ timeout: 15_000 }).catch((error: unknown) => {
        if (!pwFrame.isDetached()) throw error;
      });
    }
  } else {
    const ppFrame = frame as PuppeteerFrame;
    const handle = (await ppFrame.$(selector)) ?? (await findByText(ppFrame, name));
    if (handle) return handle.click();
  }
  throw new Error(`no overlay button named "${name}"`);
}

async function findByText(frame: PuppeteerFrame, name: string) {
  for (const button of await frame.$$('button')) {
    if ((await button.evaluate((b) => (b.textContent ?? '').trim())) === name) return button;
  }
  return null;
}

/** Where DocDelta's frame of `role` is in the tab's viewport (CSS pixels), or null. */
export async function layerBox(page: AnyPage, role: LayerRole): Promise<{ x: number; y: number; width: number; height: number } | null> {
  const frame = await layerFrame(page, role);
  const element = await frame?.frameElement();
  return (await element?.boundingBox()) ?? null;
}

/**
 * Whether the change the reader stepped to (its added or moved text, or its removed mark) is on
 * screen; a moved passage is where it now stands, not the tag where it left.
 */
export async function currentInView(page: AnyPage): Promise<boolean> {
  const inFrame = await inLayer(page, 'paint', () => {
    const rect = document.querySelector('.added.current .box, .moved.current .box, .removed.current:not(.moved-away)')?.getBoundingClientRect();
    return rect ? { top: rect.top, bottom: rect.bottom } : null;
  });
  const frame = await layerBox(page, 'paint');
  if (!inFrame || !frame) return false;
  const height = await (page as PlaywrightPage).evaluate(() => innerHeight);
  return frame.y + inFrame.bottom > 0 && frame.y + inFrame.top < height;
}
