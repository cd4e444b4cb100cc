/** Every name DocDelta adds to a page, in one place. */
export const HIGHLIGHT_ADDED = 'docdelta-added';
export const HIGHLIGHT_CURRENT = 'docdelta-current';
/** Ghost text of removed passages and old wordings, between the page's blocks. */
export const REMOVED_TAG = 'docdelta-removed';
/** The one overlay host: navigator and edge markers. */
export const OVERLAY_TAG = 'docdelta-overlay';
