/**
 * The longest subsequence of `items` (in their order) whose `position` increases strictly:
 * patience sorting, O(n log n). Blocks two versions share, in new order, keyed by their old
 * place: the longest run that stayed in the same order in both.
 */
export function longestIncreasingRun<T>(items: readonly T[], position: (item: T) => number): T[] {
  const tails: number[] = [];
  const previous = new Array<number>(items.length);
  items.forEach((item, i) => {
    const at = position(item);
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (position(items[tails[mid]!]!) < at) low = mid + 1;
      else high = mid;
    }
    previous[i] = low > 0 ? tails[low - 1]! : -1;
    tails[low] = i;
  });
  const run: T[] = [];
  for (let i = tails.at(-1) ?? -1; i >= 0; i = previous[i]!) run.push(items[i]!);
  return run.reverse();
}

/**
 * Like `longestIncreasingRun`, but the run whose items weigh the most: passages two versions
 * share, in new order and keyed by their old place, weighed by their words, give what stayed
 * where it was when the rest moved around it (a long section stays, a short one moved past
 * it). O(n log n): a Fenwick tree over old places holds the heaviest run ending at or before
 * each.
 */
export function heaviestIncreasingRun<T>(items: readonly T[], position: (item: T) => number, weight: (item: T) => number): T[] {
  const places = [...new Set(items.map(position))].sort((a, b) => a - b);
  const rank = new Map(places.map((place, index) => [place, index + 1] as const));
  // tree[k]: the heaviest run (its weight and last item) ending at a place ranked in k's range.
  const tree = Array.from({ length: places.length + 1 }, () => ({ weight: 0, last: -1 }));
  const previous = new Array<number>(items.length);
  const total = new Array<number>(items.length);
  let best = { weight: 0, last: -1 };
  items.forEach((item, i) => {
    const at = rank.get(position(item))!;
    let before = { weight: 0, last: -1 };
    for (let k = at - 1; k > 0; k -= k & -k) if (tree[k]!.weight > before.weight) before = tree[k]!;
    previous[i] = before.last;
    total[i] = before.weight + weight(item);
    const entry = { weight: total[i]!, last: i };
    for (let k = at; k < tree.length; k += k & -k) if (entry.weight > tree[k]!.weight) tree[k] = entry;
    if (entry.weight > best.weight) best = entry;
  });
  const run: T[] = [];
  for (let i = best.last; i >= 0; i = previous[i]!) run.push(items[i]!);
  return run.reverse();
}
