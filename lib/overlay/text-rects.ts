/**
 * The line boxes of a range's text, without the boxes of the elements it spans: a range over
 * `a <code>b</code> c` gives the code element's whole box from getClientRects(), which would
 * be painted twice over its text.
 */
export function textRects(range: Range): DOMRect[] {
  const { startContainer, endContainer } = range;
  if (startContainer === endContainer) return [...range.getClientRects()];
  const doc = startContainer.ownerDocument!;
  const walker = doc.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
  const rects: DOMRect[] = [];
  const part = doc.createRange();
  walker.currentNode = startContainer;
  for (let node: Node | null = startContainer.nodeType === Node.TEXT_NODE ? startContainer : walker.nextNode(); node; node = walker.nextNode()) {
    if (!range.intersectsNode(node)) {
      if (range.comparePoint(node, 0) > 0) break;
      continue;
    }
    part.selectNodeContents(node);
    if (node === startContainer) part.setStart(node, range.startOffset);
    if (node === endContainer) part.setEnd(node, range.endOffset);
    rects.push(...part.getClientRects());
    if (node === endContainer) break;
  }
  return rects;
}
