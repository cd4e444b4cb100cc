import { Parser } from 'htmlparser2';
import { HtmlRefusedError } from './html-refused-error';

/** Browsers stop nesting elements at 512 (Chromium's parser limit); a page deeper than this is not one a reader sees. */
export const MAX_HTML_DEPTH = 512;
/** Elements, text runs and comments: a long docs page has tens of thousands; this is far past any. */
export const MAX_HTML_NODES = 400_000;

/**
 * Throws when `html` nests elements deeper than MAX_HTML_DEPTH or holds more
 * than MAX_HTML_NODES nodes, as the parser DocDelta reads feed HTML with
 * (linkedom's htmlparser2) would build them. That parser keeps its open
 * elements in an array it unshifts and searches, so its time grows with
 * depth times length: a hostile feed file of nested lists took seconds per
 * 100 KB, and 5 MB would not finish. Millions of tiny text nodes (a run of
 * "< a") cost far more memory and time per byte than a page does. This probe
 * runs the same tokenizer and parser without building anything and stops at
 * either limit, so it costs at most the depth limit per tag; the real parse
 * that follows can then never go deeper or larger.
 *
 * Its depth count is exact: htmlparser2 reports every element it takes off
 * its stack (implied closes included) through onclosetag, and void elements
 * are opened and closed at once.
 */
export function checkHtmlShape(html: string): void {
  let depth = 0;
  let nodes = 0;
  const count = () => {
    if (++nodes > MAX_HTML_NODES) throw new HtmlRefusedError(`its HTML has more than ${MAX_HTML_NODES.toLocaleString('en')} elements and text runs, more than any docs page`);
  };
  const parser = new Parser({
    onopentagname() {
      count();
      if (++depth > MAX_HTML_DEPTH) throw new HtmlRefusedError(`its HTML nests elements more than ${MAX_HTML_DEPTH} deep, which no browser shows`);
    },
    onclosetag() {
      depth--;
    },
    ontext: count,
    oncomment: count,
  });
  parser.end(html);
}
