import type { Change, ChangeSet, RemovedPassage } from '../diff/change-set';
import type { LocatedBlock } from '../extract/extract-blocks';
import type { AddedMark, ChangeMarker, FromLayer, MovedMark, PanelState, RemovedContent, RemovedMark } from '../layer-protocol';
import type { Translate } from '../i18n';
import type { BaselineWords } from '../version-words';
import { spanRange } from './block-ranges';
import { markAnchor } from './mark-anchor';
import { isTucked, standIn } from './hidden-place';
import { openLayerFrames, type LayerFrames, type LayerSource } from './layer-frames';
import { textRects } from './text-rects';
import { inViewFirst } from './in-view-first';
import { yieldToPage } from '../yield-to-page';

/**
 * More changes than this are summed up, not drawn: a bound on what is sent to DocDelta's frames
 * (the diff's own bounds keep real pages far below it). Up to it, however many there are, they
 * are measured a slice at a time, those in view first, so a long rewrite is drawn as it is read.
 */
export const MAX_INLINE_CHANGES = 10_000;

/** How long one slice of measuring may hold the page's main thread (ms): well inside a frame. */
const SLICE_MS = 6;

export interface OverlayInput {
  doc: Document;
  root: Element;
  blocks: readonly LocatedBlock[];
  changes: ChangeSet;
  /** What the changes are since (the navigator's frame words it). */
  since: BaselineWords | null;
  /** The UI's words (the browser's i18n in the extension). */
  t: Translate;
  /** DocDelta's frame page (runtime.getURL), where the overlay is drawn. */
  layer: LayerSource;
  onMarkSeen: () => void;
  onHide: () => void;
  /** Told how long each slice of measuring held the main thread (the bench's figure). */
  onSlice?: (ms: number) => void;
  /** Told how long putting each of DocDelta's frames in the page held it (one task each). */
  onFrameMade?: (ms: number) => void;
}

/** Where a removed mark stands: at an edge of a page element (the article's own edge when null). */
interface RemovedPlace {
  anchor: Element | null;
  edge: 'top' | 'bottom';
  content: RemovedContent;
}

interface DrawnChange {
  ranges: Range[];
  /** A moved passage's text, block by block (diff/moves.ts). */
  moved: Range[];
  removed: RemovedPlace[];
}

/** Nodes a change is drawn against: its added and moved text and the elements its removed text stood by. */
const targetsOf = (change: DrawnChange): Node[] => [
  ...change.ranges.map((range) => range.startContainer),
  ...change.moved.map((range) => range.startContainer),
  ...change.removed.flatMap((place) => (place.anchor ? [place.anchor] : [])),
];

/** A change all of whose marks sit in a closed section or another tab. */
const isTuckedAway = (change: DrawnChange): boolean => {
  const targets = targetsOf(change);
  return targets.length > 0 && targets.every(isTucked);
};

/**
 * Draws a change set over the live page and takes it away again. The page's own nodes are
 * never touched and nothing enters its flow: DocDelta's frames (layer-frames.ts), which no
 * page script can read, show boxes over the added text and marks where text went, at
 * positions measured here in slices that leave the page free between them.
 */
export class PageOverlay {
  private drawn: DrawnChange[] = [];
  private frames: LayerFrames | null = null;
  private current = -1;
  private listeners: AbortController | null = null;
  /** Bumped by each new measuring pass, so an older pass still running stops. */
  private pass = 0;
  /** Cancels the measuring pass asked for and not yet started; null when none is. */
  private pending: (() => void) | null = null;
  /** The latest measuring pass, for whoever waits until the layer has every mark. */
  private measuring: Promise<void> = Promise.resolve();
  /** The article's size at the latest measuring pass. */
  private measuredSize = { width: -1, height: -1 };
  /** Which changes' ranges and places were found (locate). */
  private located: boolean[] = [];

  /** Whether the change set is drawn or summed up; fixed for the overlay's life. */
  readonly tooManyToShow: boolean;

  constructor(private readonly input: OverlayInput) {
    // A page replaced rather than changed is summed up too: highlighting all of it says nothing.
    this.tooManyToShow = input.changes.replaced || input.changes.changes.length > MAX_INLINE_CHANGES;
  }

  get isShown(): boolean {
    return this.frames !== null;
  }

  get changeCount(): number {
    return this.input.changes.changes.length;
  }

  /** The element DocDelta inserted, for a MutationObserver to ignore. */
  ownsNode(node: Node): boolean {
    return node === this.frames?.host;
  }

  show(): void {
    if (this.isShown || this.changeCount === 0) return;
    const { doc, root, changes } = this.input;
    this.drawn = this.tooManyToShow ? [] : changes.changes.map(() => ({ ranges: [], moved: [], removed: [] }));
    this.located = new Array<boolean>(this.drawn.length).fill(false);
    this.frames = openLayerFrames(doc, this.input.layer, (message) => this.onLayer(message));

    this.listeners = new AbortController();
    const { signal } = this.listeners;
    const view = doc.defaultView;
    const again = () => this.scheduleMeasure();
    view?.addEventListener('resize', again, { signal });
    // A section the reader opened (or closed) moves marks and changes how many are tucked away. Toggle does not bubble.
    doc.addEventListener('toggle', again, { capture: true, signal });
    // The window's scrolling moves the paint layer with the page; an inner scroller does not.
    doc.addEventListener('scroll', (event) => { if (event.target !== doc) again(); }, { capture: true, passive: true, signal });
    doc.fonts?.addEventListener('loadingdone', again, { signal });
    // A tab the reader picked, a section a script opened: what shows inside the article changed.
    const shown = new MutationObserver(again);
    shown.observe(root, { subtree: true, attributes: true, attributeFilter: ['hidden', 'open', 'class', 'style', 'aria-hidden', 'aria-selected', 'aria-expanded'] });
    signal.addEventListener('abort', () => shown.disconnect());
    if (typeof ResizeObserver !== 'undefined') {
      // Called once at the start with the size just measured: only a new size asks for a new pass.
      const resized = new ResizeObserver(() => {
        const { width, height } = root.getBoundingClientRect();
        if (width !== this.measuredSize.width || height !== this.measuredSize.height) again();
      });
      resized.observe(root);
      signal.addEventListener('abort', () => resized.disconnect());
    }
    this.renderPanel();
    this.scheduleMeasure();
  }

  /** Removes everything DocDelta added; the page is as the site served it. */
  hide(): void {
    this.pass++;
    this.pending?.();
    this.pending = null;
    this.frames?.remove();
    this.frames = null;
    this.drawn = [];
    this.listeners?.abort();
    this.listeners = null;
    this.current = -1;
  }

  next(): void {
    if (this.changeCount) this.goTo(this.current < 0 ? 0 : (this.current + 1) % this.changeCount);
  }

  previous(): void {
    if (this.changeCount) this.goTo(this.current <= 0 ? this.changeCount - 1 : this.current - 1);
  }

  goTo(index: number): void {
    if (!this.isShown) this.show();
    const change = this.locate(index);
    if (!change) return;
    this.current = index;
    for (const role of ['paint', 'panel'] as const) this.frames!.send(role, { type: 'current', current: index });
    const rect = this.targetRect(change);
    const view = this.input.doc.defaultView;
    if (rect && view) view.scrollTo({ top: view.scrollY + rect.top - view.innerHeight / 3, behavior: 'instant' });
    this.renderPanel();
  }

  /** True when the page re-rendered under us: a highlight lost its text or a mark its place. */
  isBroken(): boolean {
    return this.drawn.some(
      (change, i) => this.located[i] && (
        [...change.ranges, ...change.moved].some((range) => range.collapsed || !range.startContainer.isConnected) ||
        change.removed.some((place) => place.anchor !== null && !place.anchor.isConnected)),
    );
  }

  /** Resolves once the measuring pass under way (or the next one asked for) has sent every mark. */
  async settled(): Promise<void> {
    while (this.pending) await new Promise((resolve) => setTimeout(resolve, 16));
    await this.measuring;
  }

  get currentIndex(): number {
    return this.current;
  }

  /** The change's ranges and removed places, found once (the first measuring pass finds them all). */
  private locate(index: number): DrawnChange | undefined {
    const change = this.drawn[index];
    if (!change || this.located[index]) return change;
    const { doc, root, blocks, changes } = this.input;
    const source = changes.changes[index]!;
    change.ranges = source.added.map((span) => spanRange(doc, blocks, span)).filter((r): r is Range => r !== null);
    change.moved = movedRanges(doc, blocks, source);
    change.removed = [...removedPlaces(source.removed, blocks, root), ...movedAwayPlace(source, blocks, root)];
    this.located[index] = true;
    return change;
  }

  private onLayer(message: Exclude<FromLayer, { type: 'ready' }>): void {
    if (message.type === 'previous') this.previous();
    else if (message.type === 'next') this.next();
    else if (message.type === 'select') this.goTo(message.index);
    else if (message.type === 'mark-seen') this.input.onMarkSeen();
    else this.input.onHide();
  }

  /**
   * One measuring pass per animation frame at most, whatever asked for it, started just after
   * the frame is rendered: the page's layout is then fresh, so the first read lays out nothing
   * of the page's (in the frame's own callbacks it would pay for what the page just changed).
   */
  private scheduleMeasure(): void {
    const view = this.input.doc.defaultView;
    if (!view || this.pending || !this.frames) return;
    let timer = 0;
    const frame = view.requestAnimationFrame(() => {
      timer = view.setTimeout(() => {
        this.pending = null;
        this.measuring = this.measure();
      }, 0);
    });
    this.pending = () => {
      view.cancelAnimationFrame(frame);
      view.clearTimeout(timer);
    };
  }

  /**
   * Reads where every change is and sends it to the paint layer, a few milliseconds at a time:
   * each slice reads all its geometry first and writes nothing to the page, so it costs at
   * most one layout, and a newer pass (the page reflowed again) ends this one.
   */
  private async measure(): Promise<void> {
    const pass = ++this.pass;
    const frames = this.frames;
    if (!frames) return;
    const { doc, root } = this.input;
    const markers: ChangeMarker[] = new Array(this.drawn.length);
    let order: number[] = [];
    let reset = true;
    let position = 0;
    do {
      const start = performance.now();
      const box = root.getBoundingClientRect();
      const origin = reset ? frames.origin() : null;
      if (reset) this.measuredSize = { width: box.width, height: box.height };
      const pageTop = box.top + (doc.defaultView?.scrollY ?? 0);
      const height = Math.max(doc.documentElement.scrollHeight, 1);
      const added: AddedMark[] = [];
      const removed: RemovedMark[] = [];
      const moved: MovedMark[] = [];
      if (reset) order = inViewFirst(this.drawn.length, (index) => this.targetRect(this.locate(index)!)?.bottom ?? Infinity);
      // At least one change a slice: a page that keeps its layout dirty (an animation) makes every
      // slice's first read slow, and the pass must still end.
      for (const first = position; position < order.length && (position === first || performance.now() - start < SLICE_MS); position++) {
        const index = order[position]!;
        const change = this.locate(index)!;
        let top = Infinity;
        for (const range of change.ranges) {
          // Chromium lays out a closed <details>' content (hidden, not undisplayed): its text has boxes the reader cannot see.
          if (isTucked(range.startContainer)) continue;
          const rects = textRects(range).filter((r) => r.width > 0 && r.height > 0);
          if (!rects.length) continue;
          const flat: number[] = [];
          for (const r of rects) flat.push(r.left - box.left, r.top - box.top, r.width, r.height);
          top = Math.min(top, rects[0]!.top - box.top);
          added.push({ change: index, text: range.toString(), rects: flat });
        }
        const from = this.input.changes.changes[index]!.moved;
        change.moved.forEach((range, k) => {
          if (!from || isTucked(range.startContainer)) return;
          const rects = textRects(range).filter((r) => r.width > 0 && r.height > 0);
          if (!rects.length) return;
          const flat: number[] = [];
          for (const r of rects) flat.push(r.left - box.left, r.top - box.top, r.width, r.height);
          top = Math.min(top, rects[0]!.top - box.top);
          moved.push({ change: index, text: range.toString(), rects: flat, from: from.section, direction: from.direction, first: k === 0 });
        });
        for (const place of change.removed) {
          if (place.anchor && isTucked(place.anchor)) continue; // In a closed section: drawn once it opens.
          const at = place.anchor ? place.anchor.getBoundingClientRect() : box;
          if (place.anchor && at.width === 0 && at.height === 0) continue;
          const y = (place.edge === 'top' ? at.top : at.bottom) - box.top;
          // A moved passage is where it now stands, not where it left.
          if (place.content.kind !== 'moved-away') top = Math.min(top, y);
          removed.push({ change: index, x: Math.max(at.left - box.left, 0), y, width: Math.min(at.width, box.width) || box.width, content: place.content });
        }
        const tucked = isTuckedAway(change) ? standIn(targetsOf(change)[0]!)?.getBoundingClientRect() : null;
        const y = tucked ? tucked.top - box.top : Number.isFinite(top) ? top : 0;
        markers[index] = { fraction: Math.min(Math.max((pageTop + y) / height, 0), 1), removedOnly: change.ranges.length === 0 && change.moved.length === 0, moved: change.moved.length > 0 };
      }
      // Every read of this slice is done: now the writes (one layout for the browser at its next frame).
      if (origin) frames.place({ left: box.left - origin.left, top: box.top - origin.top, width: box.width, height: box.height });
      frames.send('paint', { type: 'paint', added, removed, moved, reset, done: position >= order.length, current: this.current });
      this.input.onSlice?.(performance.now() - start);
      reset = false;
      if (!frames.allInPage() && !(await this.attachNextFrame(frames, pass))) return;
      if (position < order.length) await yieldToPage();
    } while (position < order.length && pass === this.pass && this.frames === frames);
    while (!frames.allInPage()) if (!(await this.attachNextFrame(frames, pass))) return;
    if (pass !== this.pass || this.frames !== frames) return;
    frames.send('panel', { type: 'markers', markers, current: this.current });
    this.renderPanel();
  }

  /**
   * Puts the next of DocDelta's frames in the page, in a task of its own after a slice's reads:
   * making an extension frame costs the page's renderer 1–26 ms. False when a newer
   * pass (or hide) took over meanwhile.
   */
  private async attachNextFrame(frames: LayerFrames, pass: number): Promise<boolean> {
    await yieldToPage();
    if (pass !== this.pass || this.frames !== frames) return false;
    const started = performance.now();
    frames.attachNext();
    this.input.onFrameMade?.(performance.now() - started);
    return true;
  }

  /** Where a change is on screen; for one in a closed section or another tab, the summary or tab that opens it. */
  private targetRect(change: DrawnChange): DOMRect | null {
    const tucked = isTuckedAway(change) ? standIn(targetsOf(change)[0]!) : null;
    if (tucked) return tucked.getBoundingClientRect();
    const range = change.moved[0] ?? change.ranges[0];
    if (range) return range.getBoundingClientRect();
    const place = change.removed[0];
    return place ? (place.anchor ?? this.input.root).getBoundingClientRect() : null;
  }

  private renderPanel(): void {
    if (!this.frames) return;
    const { changes, since } = this.input;
    const change = this.drawn[this.current];
    const opener = change && isTuckedAway(change) ? standIn(targetsOf(change)[0]!) : null;
    // Page text, shown as text: the summary or tab label the reader opens to see the change.
    const section = opener
      ? this.input.t('navOpenToSee', [(opener.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80)])
      : this.current >= 0 ? changes.changes[this.current]?.section ?? null : null;
    const state: PanelState = {
      tooMany: this.tooManyToShow,
      total: this.changeCount,
      tucked: this.drawn.filter((drawn, i) => this.located[i] && isTuckedAway(drawn)).length,
      current: this.current,
      section,
      since,
      addedWords: changes.addedWords,
      removedWords: changes.removedWords,
    };
    this.frames.send('panel', { type: 'panel', state });
  }
}

/** A moved passage's blocks, each whole, as ranges of the page's text. */
function movedRanges(doc: Document, blocks: readonly LocatedBlock[], change: Change): Range[] {
  const ranges: Range[] = [];
  for (let block = change.moved?.start ?? 0; block < (change.moved?.end ?? 0); block++) {
    const range = spanRange(doc, blocks, { block, start: 0, end: blocks[block]?.text.length ?? 0 });
    if (range) ranges.push(range);
  }
  return ranges;
}

/** Where a moved passage stood: a small tag at the edge of the block it followed (the article's top when none). */
function movedAwayPlace(change: Change, blocks: readonly LocatedBlock[], root: Element): RemovedPlace[] {
  if (!change.moved) return [];
  const content: RemovedContent = { kind: 'moved-away', direction: change.moved.direction, to: change.section };
  const after = change.moved.after;
  if (after === null) return [{ anchor: null, edge: 'top', content }];
  const host = markAnchor(blocks[after]!.element, root);
  return [{ anchor: host === root ? null : host, edge: 'bottom', content }];
}

/**
 * Where each removed passage of a change is drawn: whole removed blocks at the top of the block
 * that follows them (or the bottom of the one before); old wordings under their block, those
 * of blocks that share a place (code lines of one <pre>, cells of one table) in one mark.
 */
function removedPlaces(passages: readonly RemovedPassage[], blocks: readonly LocatedBlock[], root: Element): RemovedPlace[] {
  const hostOf = (index: number) => markAnchor(blocks[index]!.element, root);
  const anchorOf = (element: Element) => (element === root ? null : element);
  const places: RemovedPlace[] = [];
  let wordings: Array<Extract<RemovedPassage, { kind: 'wording' }>> = [];
  const flushWordings = () => {
    if (!wordings.length) return;
    places.push({ anchor: anchorOf(hostOf(wordings[0]!.block)), edge: 'bottom', content: { kind: 'wording', wordings: wordings.map((w) => w.parts) } });
    wordings = [];
  };
  for (const passage of passages) {
    if (passage.kind === 'wording') {
      if (wordings.length && hostOf(wordings[0]!.block) !== hostOf(passage.block)) flushWordings();
      wordings.push(passage);
      continue;
    }
    flushWordings();
    const content: RemovedContent = { kind: 'blocks', blocks: passage.blocks };
    if (passage.before !== null && (passage.after === null || hostOf(passage.before) !== hostOf(passage.after))) {
      places.push({ anchor: anchorOf(hostOf(passage.before)), edge: 'top', content });
    } else if (passage.after !== null) {
      places.push({ anchor: anchorOf(hostOf(passage.after)), edge: 'bottom', content });
    } else {
      places.push({ anchor: null, edge: 'bottom', content });
    }
  }
  flushWordings();
  return places;
}
