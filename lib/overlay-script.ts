/**
 * The overlay's code, apart from the content script every docs page runs: the background runs
 * this file into a tab's content-script world when its page has changes to show
 * (entrypoints/overlay.ts), and it leaves its factory under a symbol the content script finds.
 */
export const OVERLAY_SCRIPT = '/overlay.js';

/** A symbol, not a name: a page element's id can shadow a name on the window, never a symbol. */
export const OVERLAY_FACTORY = Symbol.for('docdelta.overlay');
