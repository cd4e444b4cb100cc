/**
 * The order a measuring pass takes a page's changes in: from the first that reaches into the
 * viewport (or below it) to the last, then those above it, so a reader scrolled halfway down a
 * long page sees the marks in view from the first slice. Changes are in page order, so the
 * first one in view is found with a handful of reads (binary search over `bottomOf`, each
 * change's bottom edge relative to the viewport's top).
 */
export function inViewFirst(count: number, bottomOf: (index: number) => number): number[] {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (bottomOf(mid) < 0) low = mid + 1;
    else high = mid;
  }
  const order: number[] = [];
  for (let index = low; index < count; index++) order.push(index);
  for (let index = 0; index < low; index++) order.push(index);
  return order;
}
