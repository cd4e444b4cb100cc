import type { WxtBrowser } from 'wxt/browser';
import { valueOfReply, type Reply } from '../messages';
import { OVERLAY_FACTORY } from '../overlay-script';
import type { OverlayFactory } from '../overlay/install-overlay';

const installed = (world: object): OverlayFactory | undefined => (world as Record<symbol, OverlayFactory | undefined>)[OVERLAY_FACTORY];

/**
 * The overlay's factory: asked of the background the first time a page has changes to show (it
 * runs the overlay's code into this world), then kept. Every docs page runs the content script;
 * only the pages with changes load what draws them.
 */
export async function loadOverlay(browser: WxtBrowser, world: object = globalThis): Promise<OverlayFactory> {
  const ready = installed(world);
  if (ready) return ready;
  valueOfReply((await browser.runtime.sendMessage({ type: 'load-overlay', payload: {} })) as Reply<null> | undefined);
  const loaded = installed(world);
  if (!loaded) throw new Error('DocDelta\'s overlay did not load');
  return loaded;
}
