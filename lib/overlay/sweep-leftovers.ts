import { HIGHLIGHT_ADDED, HIGHLIGHT_CURRENT, OVERLAY_TAG, REMOVED_TAG } from './names';

/**
 * Takes away whatever an earlier copy of DocDelta's content script left in the page. Firefox
 * runs the content script again in open tabs when DocDelta is updated or reloaded, but the
 * old copy is cut off without notice and cannot clean up after itself (Chromium's old copy
 * can, and does): without this the page would show every mark twice.
 */
export function sweepLeftovers(doc: Document): void {
  for (const element of doc.querySelectorAll(`${REMOVED_TAG}, ${OVERLAY_TAG}`)) element.remove();
  // The same registry the overlay draws in (page-overlay.ts): the page's, seen from this script.
  if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
    CSS.highlights.delete(HIGHLIGHT_ADDED);
    CSS.highlights.delete(HIGHLIGHT_CURRENT);
  }
}
