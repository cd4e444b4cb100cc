import { h, render } from 'preact';
import { OverlayPanel } from '@/components/OverlayPanel';
import { overlayStyles } from '@/components/styles';
import type { EdgeMarker } from '@/components/EdgeMarkers';
import type { ChangeSet, RemovedPassage } from '../diff/change-set';
import type { LocatedBlock } from '../extract/extract-blocks';
import { spanRange } from './block-ranges';
import type { Translate } from '../i18n';
import { createGhost } from './create-ghost';
import { insertionHost, placeAfter, placeBefore } from './ghost-placement';
import { HIGHLIGHT_ADDED, HIGHLIGHT_CURRENT, OVERLAY_TAG } from './names';
import { shownWhileRunning } from './shown-while-running';
import { isTucked, standIn } from './hidden-place';

/** More changes than this are summed up, not drawn. */
export const MAX_INLINE_CHANGES = 1000;

export interface OverlayInput {
  doc: Document;
  root: Element;
  blocks: readonly LocatedBlock[];
  changes: ChangeSet;
  /** How the baseline is described: "Nov 20, 14:03". */
  since: string | null;
  /** The UI's words (the browser's i18n in the extension). */
  t: Translate;
  onMarkSeen: () => void;
  onHide: () => void;
}

interface DrawnChange {
  ranges: Range[];
  ghosts: HTMLElement[];
}

/** Nodes a change is drawn on: its highlighted text and its ghosts. */
const targetsOf = (change: DrawnChange): Node[] => [...change.ranges.map((range) => range.startContainer), ...change.ghosts];

/** A change all of whose marks sit in a closed section or another tab. */
const isTuckedAway = (change: DrawnChange): boolean => {
  const targets = targetsOf(change);
  return targets.length > 0 && targets.every(isTucked);
};

/**
 * Draws a change set on the live page and takes it away again. The page's
 * own nodes are never touched: added text is a CSS highlight, everything
 * else lives in `docdelta-*` elements placed between blocks or in one host.
 */
export class PageOverlay {
  private drawn: DrawnChange[] = [];
  private host: HTMLElement | null = null;
  private mount: HTMLElement | null = null;
  private current = -1;
  private markers: EdgeMarker[] = [];
  private listeners: AbortController | null = null;

  constructor(private readonly input: OverlayInput) {}

  get isShown(): boolean {
    return this.host !== null;
  }

  get changeCount(): number {
    return this.input.changes.changes.length;
  }

  /** The elements DocDelta inserted, for a MutationObserver to ignore. */
  ownsNode(node: Node): boolean {
    return this.drawn.some((change) => change.ghosts.includes(node as HTMLElement)) || node === this.host;
  }

  /**
   * A page rewritten past the diff engine's bound (or with more changes than a
   * reader could step through) gets a summary instead of thousands of marks.
   */
  get tooManyToShow(): boolean {
    return this.input.changes.coarse || this.changeCount > MAX_INLINE_CHANGES;
  }

  show(): void {
    if (this.isShown || this.changeCount === 0) return;
    const { doc, root, blocks, changes } = this.input;
    const hostOf = (index: number) => insertionHost(blocks[index]!.element, root);
    this.drawn = this.tooManyToShow ? [] : changes.changes.map((change) => {
      const ranges = change.added.map((span) => spanRange(doc, blocks, span)).filter((r): r is Range => r !== null);
      const ghosts: HTMLElement[] = [];
      // Old wordings of blocks that share a place (code lines of one <pre>, cells of one table) share one marker.
      let wordings: Array<Extract<RemovedPassage, { kind: 'wording' }>> = [];
      const flushWordings = () => {
        if (!wordings.length) return;
        const ghost = createGhost(doc, wordings, this.input.t);
        placeAfter(ghost, hostOf(wordings[0]!.block), root);
        ghosts.push(ghost);
        wordings = [];
      };
      for (const passage of change.removed) {
        if (passage.kind === 'wording') {
          if (wordings.length && hostOf(wordings[0]!.block) !== hostOf(passage.block)) flushWordings();
          wordings.push(passage);
          continue;
        }
        flushWordings();
        const ghost = createGhost(doc, passage, this.input.t);
        if (passage.before !== null && (passage.after === null || hostOf(passage.before) !== hostOf(passage.after))) {
          placeBefore(ghost, hostOf(passage.before), root);
        } else if (passage.after !== null) {
          placeAfter(ghost, hostOf(passage.after), root);
        } else {
          root.appendChild(ghost);
        }
        ghosts.push(ghost);
      }
      flushWordings();
      return { ranges, ghosts };
    });
    CSS.highlights.set(HIGHLIGHT_ADDED, new Highlight(...this.drawn.flatMap((change) => change.ranges)));

    this.host = shownWhileRunning(doc.createElement(OVERLAY_TAG));
    const shadow = this.host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = overlayStyles;
    this.mount = doc.createElement('div');
    shadow.append(style, this.mount);
    (doc.body ?? doc.documentElement).appendChild(this.host);

    this.listeners = new AbortController();
    const view = doc.defaultView;
    let pending = 0;
    view?.addEventListener(
      'resize',
      () => {
        cancelAnimationFrame(pending);
        pending = requestAnimationFrame(() => this.measureMarkers());
      },
      { signal: this.listeners.signal },
    );
    // A section the reader opened (or closed) changes how many changes are tucked away. Toggle does not bubble.
    doc.addEventListener('toggle', () => this.renderPanel(), { capture: true, signal: this.listeners.signal });
    // Reading positions forces layout; wait until the browser has laid out and painted anyway.
    view?.requestAnimationFrame(() => view.setTimeout(() => this.measureMarkers(), 0));
    this.renderPanel();
  }

  /** Removes everything DocDelta added; the page is as the site served it. */
  hide(): void {
    CSS.highlights.delete(HIGHLIGHT_ADDED);
    CSS.highlights.delete(HIGHLIGHT_CURRENT);
    for (const change of this.drawn) for (const ghost of change.ghosts) ghost.remove();
    this.drawn = [];
    if (this.mount) render(null, this.mount);
    this.host?.remove();
    this.host = this.mount = null;
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
    const change = this.drawn[index];
    if (!change) return;
    this.drawn[this.current]?.ghosts.forEach((ghost) => ghost.removeAttribute('current'));
    this.current = index;
    change.ghosts.forEach((ghost) => ghost.setAttribute('current', ''));
    const emphasis = new Highlight(...change.ranges);
    emphasis.priority = 1;
    CSS.highlights.set(HIGHLIGHT_CURRENT, emphasis);
    const rect = this.targetRect(change);
    const view = this.input.doc.defaultView;
    if (rect && view) view.scrollTo({ top: view.scrollY + rect.top - view.innerHeight / 3, behavior: 'instant' });
    this.renderPanel();
  }

  /** True when the page re-rendered under us: a ghost was dropped or a highlight lost its text. */
  isBroken(): boolean {
    return this.drawn.some(
      (change) => change.ghosts.some((ghost) => !ghost.isConnected) || change.ranges.some((range) => range.collapsed || !range.startContainer.isConnected),
    );
  }

  get currentIndex(): number {
    return this.current;
  }

  /** Where a change is on screen; for one in a closed section or another tab, the summary or tab that opens it. */
  private targetRect(change: DrawnChange): DOMRect | null {
    const target = change.ranges[0] ?? change.ghosts[0];
    if (!target) return null;
    const tucked = isTuckedAway(change) ? standIn(targetsOf(change)[0]!) : null;
    return (tucked ?? target).getBoundingClientRect();
  }

  private measureMarkers(): void {
    const view = this.input.doc.defaultView;
    const height = Math.max(this.input.doc.documentElement.scrollHeight, 1);
    this.markers = this.drawn.map((change) => {
      const rect = this.targetRect(change);
      const top = rect ? rect.top + (view?.scrollY ?? 0) : 0;
      return { fraction: Math.min(Math.max(top / height, 0), 1), removedOnly: change.ranges.length === 0 };
    });
    this.renderPanel();
  }

  private renderPanel(): void {
    if (!this.mount) return;
    const { changes, since } = this.input;
    const change = this.drawn[this.current];
    const opener = change && isTuckedAway(change) ? standIn(targetsOf(change)[0]!) : null;
    // Page text, shown as text: the summary or tab label the reader opens to see the change.
    const section = opener
      ? this.input.t('navOpenToSee', [(opener.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80)])
      : this.current >= 0 ? changes.changes[this.current]?.section ?? null : null;
    render(
      h(OverlayPanel, {
        t: this.input.t,
        tooMany: this.tooManyToShow,
        total: this.changeCount,
        tucked: this.drawn.filter(isTuckedAway).length,
        current: this.current,
        section,
        since,
        addedWords: changes.addedWords,
        removedWords: changes.removedWords,
        markers: this.markers,
        onSelect: (index) => this.goTo(index),
        onPrevious: () => this.previous(),
        onNext: () => this.next(),
        onMarkSeen: this.input.onMarkSeen,
        onHide: this.input.onHide,
      }),
      this.mount,
    );
  }
}
