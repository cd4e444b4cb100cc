import { OVERLAY_TAG } from './names';

/**
 * Takes away whatever an earlier copy of DocDelta's content script left in the page. Firefox
 * runs the content script again in open tabs when DocDelta is updated or reloaded, but the
 * old copy is cut off without notice and cannot clean up after itself (Chromium's old copy
 * can, and does): without this the page would show every mark twice.
 */
export function sweepLeftovers(doc: Document): void {
  for (const element of doc.querySelectorAll(OVERLAY_TAG)) element.remove();
}
