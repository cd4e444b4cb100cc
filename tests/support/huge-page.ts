/**
 * About 1 MB of article text in paragraphs of distinct words, as a DRF-themed page; pages made
 * with two different prefixes share no word (a page rewritten from top to bottom).
 */
export function hugePage(prefix: string): string {
  const paragraphs: string[] = [];
  for (let i = 0, size = 0; size < 1_000_000; i++) {
    const text = Array.from({ length: 40 }, (_, w) => `${prefix}${i}w${w}`).join(' ');
    paragraphs.push(`<p>${text}</p>`);
    size += text.length;
  }
  return `<!doctype html><html><head><title>Huge</title></head><body><div class="md-content"><article class="md-content__inner">${paragraphs.join('\n')}</article></div></body></html>`;
}
