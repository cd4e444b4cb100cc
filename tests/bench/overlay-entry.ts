/**
 * The overlay's code, bundled on its own so the benchmark can run it in a
 * plain page and time it against a bare DOM walk over the same article.
 */
import { extractBlocks, extractBlocksInSlices, plainBlocks } from '../../lib/extract/extract-blocks';
import { PageOverlay } from '../../lib/overlay/page-overlay';
import { findContentRoot, findSite, ignoreSelector } from '../../lib/sites/find-site';
import type { Block } from '../../lib/blocks';
import type { ChangeSet } from '../../lib/diff/change-set';
import { translateFrom } from '../../lib/i18n';
import messages from '../../public/_locales/en/messages.json';

const englishT = translateFrom(messages);

const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

function bareWalk(root: Element): number {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let count = 0;
  while (walker.nextNode()) count++;
  return count;
}

/**
 * One bare walk's time: walks are timed in batches of at least 1 ms (timers are coarse, 0.1 ms,
 * in a normal page and a walk can take 0.02 ms) for 30 ms, and the median batch counts, so a
 * collection of the overlay's garbage that lands inside the loop does not set the baseline.
 */
function walkTime(root: Element): number {
  let size = 1;
  for (let t = performance.now(); performance.now() - t < 1; size *= 2) for (let i = 0; i < size; i++) bareWalk(root);
  const batches: number[] = [];
  const start = performance.now();
  while (performance.now() - start < 30 || batches.length < 5) {
    const t = performance.now();
    for (let i = 0; i < size; i++) bareWalk(root);
    batches.push((performance.now() - t) / size);
  }
  return batches.sort((a, b) => a - b)[batches.length >> 1]!;
}

/**
 * The content script's part of a visit, `runs` times: a sliced read, then the overlay drawn for
 * `changeSet`. The diff is the background's part and comes ready (computed outside the page, as
 * DocDelta does: its garbage would otherwise be collected in the page, inside DocDelta's slices).
 */
async function measure(changeSet: ChangeSet, runs: number, layer: { url: string; origin: string }) {
  // The content script's stylesheet, which shows DocDelta's host (entrypoints/content/overlay-host.css).
  const sheet = document.createElement('style');
  sheet.textContent = 'docdelta-overlay { display: block !important; }';
  document.head.append(sheet);
  const site = findSite(new URL(location.href));
  const root = findContentRoot(document, site)!;
  const ignore = ignoreSelector(site);
  const walk: number[] = [];
  const extract: number[] = [];
  const overlay: number[] = [];
  const showTask: number[] = [];
  const slices: number[] = [];
  const layoutShift: number[] = [];
  const placed: number[] = [];
  const reads: number[] = [];
  const frameMade: number[] = [];
  const scrollWork: number[] = [];
  const reflowWork: number[] = [];
  const reflowSlice: number[] = [];
  const measuring: number[] = [];
  let changes = 0;
  // Every long task while DocDelta works as the content script does (sliced read, draw,
  // paint), the browser's own layout and paint included.
  const longTasks: number[] = [];
  for (let run = 0; run < runs; run++) {
    walk.push(walkTime(root));

    changes = changeSet.changes.length;
    await nextPaint();
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => longTasks.push(entry.duration)));
    observer.observe({ type: 'longtask' });
    // What the content script does: the same walk, in slices; its longest slice is its longest task.
    const located = await extractBlocksInSlices(root, ignore, undefined, (ms) => {
      slices.push(ms);
      reads.push(ms);
    });

    // No extension here: the frames are another site's empty page (out-of-process, as DocDelta's
    // are), and what the content script would send them waits in its queue. What is timed is the
    // page's side: placing the frames, measuring every change in slices, the page's layout and paint.
    let longestSlice = 0;
    let work = 0;
    const view = new PageOverlay({
      doc: document, root, blocks: located, changes: changeSet, since: null, t: englishT, onHide: () => {}, onMarkSeen: () => {},
      layer,
      // Each frame enters the page in a task of its own: one of DocDelta's tasks too.
      onFrameMade: (ms) => {
        frameMade.push(ms);
        slices.push(ms);
        work += ms;
      },
      onSlice: (ms) => {
        longestSlice = Math.max(longestSlice, ms);
        work += ms;
      },
    });
    // Layout shifts while DocDelta draws: none may come from it (nothing enters the page's flow).
    let shifted = 0;
    const shifts = new PerformanceObserver((list) => list.getEntries().forEach((entry) => (shifted += (entry as unknown as { value: number }).value)));
    shifts.observe({ type: 'layout-shift' });
    const t = performance.now();
    view.show();
    // show() itself is one task (the host and its frames); then the measuring slices. The draw's
    // cost is their sum: the page's main thread is free between them.
    const placing = performance.now() - t;
    slices.push(placing);
    placed.push(placing);
    await view.settled();
    showTask.push(placing + work);
    slices.push(longestSlice);
    measuring.push(longestSlice);
    await nextPaint();
    shifts.takeRecords().forEach((entry) => (shifted += (entry as unknown as { value: number }).value));
    shifts.disconnect();
    layoutShift.push(shifted);
    await nextPaint();
    overlay.push(performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 20));
    observer.takeRecords().forEach((entry) => longTasks.push(entry.duration));
    observer.disconnect();
    // (After the long-task window: the reflow the bench makes is the page's own long layout.)
    // Kept in place: a scroll costs DocDelta nothing (its layer sits in the document's
    // coordinates); a reflow (the article made narrower) costs one pass in slices.
    work = 0;
    longestSlice = 0;
    window.scrollBy(0, 2000);
    await nextPaint();
    await nextPaint();
    scrollWork.push(work);
    (root as HTMLElement).style.maxWidth = '640px';
    await nextPaint();
    await view.settled();
    reflowWork.push(work);
    reflowSlice.push(longestSlice);
    (root as HTMLElement).style.maxWidth = '';
    window.scrollTo(0, 0);
    await nextPaint();
    await view.settled();
    view.hide();
    await nextPaint();
  }
  // The floor of drawing in frames: one empty frame of the same page, alone in a closed root
  // (as DocDelta's are), made in a task, then loaded and painted. Nothing of DocDelta's runs.
  const emptyFrameMade: number[] = [];
  const emptyFramePainted: number[] = [];
  for (let run = 0; run < runs; run++) {
    const host = document.createElement('docdelta-floor');
    const frame = document.createElement('iframe');
    frame.src = layer.url;
    host.attachShadow({ mode: 'closed' }).append(frame);
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const start = performance.now();
    document.body.append(host);
    emptyFrameMade.push(performance.now() - start);
    await loaded;
    await nextPaint();
    emptyFramePainted.push(performance.now() - start);
    host.remove();
    await nextPaint();
  }
  // The read in one go, timed after the draws so its garbage is not collected inside them.
  for (let run = 0; run < runs; run++) {
    const t = performance.now();
    extractBlocks(root, ignore);
    extract.push(performance.now() - t);
    await nextPaint();
  }
  return { emptyFrameMade, emptyFramePainted, walk, extract, overlay, showTask, slices, longTasks, layoutShift, placed, reads, frameMade, measuring, scrollWork, reflowWork, reflowSlice, changes };
}

function blocksOfThisPage(): Block[] {
  const site = findSite(new URL(location.href));
  return plainBlocks(extractBlocks(findContentRoot(document, site)!, ignoreSelector(site)));
}

(window as unknown as Record<string, unknown>).docdeltaBench = { measure, blocksOfThisPage };
