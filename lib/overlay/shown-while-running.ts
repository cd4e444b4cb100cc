/**
 * Hides one of DocDelta's page elements by its own inline style; the content-script stylesheet
 * (entrypoints/content/highlights.css) shows it again. The browser takes that stylesheet away
 * when DocDelta is switched off, reloaded or removed, and so the element goes with it, even
 * when the script that made it cannot remove it: Firefox cuts an old content script off
 * without notice (Chromium's old script is told, and removes its elements itself).
 */
export function shownWhileRunning<T extends HTMLElement>(element: T): T {
  element.style.setProperty('display', 'none');
  return element;
}
