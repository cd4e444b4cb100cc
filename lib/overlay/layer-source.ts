import type { WxtBrowser } from 'wxt/browser';
import type { LayerSource } from './layer-frames';

/**
 * Where the overlay's frame page is loaded from, and the origin its documents have. Chromium
 * hands out the page under an id made anew each browser session (use_dynamic_url in
 * wxt.config.ts), which then serves the extension's own origin: messages are addressed to that.
 */
export function layerSource(browser: WxtBrowser): LayerSource {
  const url = browser.runtime.getURL('/overlay-frame.html');
  const { protocol, origin } = new URL(url);
  return { url, origin: protocol === 'chrome-extension:' ? `chrome-extension://${browser.runtime.id}` : origin };
}
