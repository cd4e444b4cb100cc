/**
 * Stands in for @acemir/cssom inside the extension's bundle. linkedom (the
 * background's HTML parser for feed versions) imports it only to give
 * <style> elements a stylesheet; DocDelta never reads styles, and the real
 * package does not bundle for the browser.
 */
export function parse(): { cssRules: never[] } {
  return { cssRules: [] };
}
