import type { WxtBrowser } from 'wxt/browser';
import type { ChangeSet } from '../diff/change-set';
import { extractBlocksInSlices, plainBlocks, type LocatedBlock } from '../extract/extract-blocks';
import { valueOfReply, type PageSeenResponse, type PageSummary, type PageWithoutArticle, type Reply, type ResponseOf, type ToBackground } from '../messages';
import type { Translate } from '../i18n';
import type { PageOverlay } from '../overlay/page-overlay';
import type { LayerSource } from '../overlay/layer-frames';
import { loadOverlay } from './load-overlay';
import { findContentRoot, findSite, ignoreSelector, type ReadingRule } from '../sites/find-site';
import { waitForSettle } from './wait-for-settle';
import { visibleFor } from './visible-for';

export interface SessionHooks {
  /** The UI's words. */
  t: Translate;
  /** The reader's choice for this tab, once made here; null follows the site's stored choice. */
  highlightsWanted: () => boolean | null;
  onHide: () => void;
  /** DocDelta's frame page, where the overlay is drawn. */
  layer: LayerSource;
  /** How long the page must be on screen before it is read: a client-side navigation waits (see visibleFor). */
  dwellMs?: number;
  /** False when the page's own script changed the URL (no click or key of the reader's just before). */
  opened?: boolean;
}

/** One request to the background; its refusal or failure (a `Reply` without `ok`) is thrown. */
async function send<K extends keyof ToBackground>(browser: WxtBrowser, type: K, payload: ToBackground[K]['request']): Promise<ResponseOf<ToBackground, K>> {
  return valueOfReply((await browser.runtime.sendMessage({ type, payload })) as Reply<ResponseOf<ToBackground, K>> | undefined);
}

/**
 * DocDelta on one page (one URL): waits for it to settle, reads it, asks
 * the background what changed, and draws the overlay. A client-side
 * navigation disposes the session and starts a new one.
 */
export class PageSession {
  overlay: PageOverlay | null = null;
  private readonly abort = new AbortController();
  private observer: MutationObserver | null = null;
  /** What was read of the page and sent to the background, and what it answered. */
  private page: { root: Element; ignore: string; blocks: LocatedBlock[]; url: string; title: string } | null = null;
  private response: PageSeenResponse | null = null;
  /** The draw under way: one that finds another started after it gives way. */
  private drawing: object | null = null;
  private rule: ReadingRule | null = null;
  /** Read, and nothing on the page looked like an article. */
  private noArticle = false;

  constructor(
    private readonly browser: WxtBrowser,
    private readonly win: Window,
    private readonly hooks: SessionHooks,
  ) {}

  async run(): Promise<void> {
    const doc = this.win.document;
    try {
      await Promise.all([waitForSettle(doc, this.abort.signal), visibleFor(doc, this.hooks.dwellMs ?? 0, this.abort.signal)]);
    } catch {
      return; // Disposed before the page settled.
    }
    const site = await this.readingRule();
    if (this.abort.signal.aborted) return;
    const root = site ? findContentRoot(doc, site) : null;
    if (!root) {
      this.noArticle = site !== null;
      await send(this.browser, 'page-untracked', {}).catch(() => undefined);
      return;
    }
    const ignore = ignoreSelector(site ?? undefined);
    let blocks: LocatedBlock[];
    try {
      blocks = await extractBlocksInSlices(root, ignore, this.abort.signal);
    } catch {
      return; // Disposed while reading.
    }
    const url = this.win.location.href;
    const response = await send(this.browser, 'page-seen', { url, opened: this.hooks.opened ?? true, title: doc.title, blocks: plainBlocks(blocks) }).catch(() => null);
    this.page = { root, ignore, blocks, url, title: doc.title };
    await this.draw(response, this.hooks.highlightsWanted() ?? response?.highlights ?? true);
  }

  /** The page as the extension's popup describes it; null until it was read and compared. */
  summary(): PageSummary | PageWithoutArticle | null {
    const { page, response } = this;
    if (this.noArticle) return { url: this.win.location.href, noArticle: true };
    if (!page || !response) return null;
    return {
      url: page.url,
      title: page.title,
      changes: response.changes.changes.length,
      addedWords: response.changes.addedWords,
      removedWords: response.changes.removedWords,
      movedWords: response.changes.movedWords,
      baseline: response.baseline,
      currentVersionId: response.currentVersionId,
      highlightsShown: this.overlay?.isShown ?? false,
    };
  }

  /** "Mark as seen" from the navigator or the popup. */
  markSeen(): void {
    const page = this.page;
    if (!page) return;
    this.overlay?.hide();
    // An overlay whose code is still loading is not drawn once it comes.
    this.drawing = null;
    this.response = this.response && { ...this.response, changes: { ...this.response.changes, changes: [], addedWords: 0, removedWords: 0, movedWords: 0 }, baseline: null };
    void send(this.browser, 'mark-seen', { url: page.url }).catch(() => undefined);
  }

  /**
   * Shows the page's changes against another of its stored versions (chosen
   * in the extension's own UI). The background checks the version belongs
   * to this page; the page is not read again.
   */
  async compareWith(versionId: number): Promise<void> {
    const page = this.page;
    if (!page) return;
    const response = await send(this.browser, 'compare-with', { url: page.url, blocks: plainBlocks(page.blocks), versionId }).catch(() => null);
    if (this.page !== page) return;
    await this.draw(response, true);
  }

  private async draw(response: PageSeenResponse | null, visible: boolean) {
    const page = this.page;
    if (this.abort.signal.aborted || !page || !response) return;
    this.response = response;
    this.observer?.disconnect();
    this.overlay?.hide();
    this.overlay = null;
    // Nothing to show: the overlay's code is not even loaded.
    if (response.changes.changes.length === 0) return;
    const drawing = (this.drawing = {});
    const { root, ignore, blocks } = page;
    const overlay = await this.createOverlay(this.win.document, root, blocks, response.changes, response.baseline).catch(() => null);
    // A newer answer (or the end of this page) came while the overlay's code loaded.
    if (!overlay || drawing !== this.drawing || this.abort.signal.aborted) return;
    this.overlay = overlay;
    if (visible && this.hooks.highlightsWanted() !== false) overlay.show();
    this.watchForRerenders(root, ignore, blocks, response.changes, response.baseline);
  }

  /**
   * How to read this page: a built-in site's rules, or (for a site the reader
   * added, whose script was registered at run time) the rules the background keeps.
   */
  private async readingRule(): Promise<ReadingRule | null> {
    const builtin = findSite(new URL(this.win.location.href));
    if (builtin) return (this.rule = builtin);
    const rule = await send(this.browser, 'site-rule', { url: this.win.location.href }).catch(() => null);
    return (this.rule = rule && Array.isArray(rule.contentRoots) ? { contentRoots: rule.contentRoots.filter((s) => typeof s === 'string') } : null);
  }

  dispose(): void {
    this.abort.abort();
    this.observer?.disconnect();
    this.overlay?.hide();
    this.overlay = null;
  }

  private async createOverlay(doc: Document, root: Element, blocks: LocatedBlock[], changes: ChangeSet, since: PageSeenResponse['baseline']): Promise<PageOverlay> {
    const create = await loadOverlay(this.browser);
    return create({
      doc,
      root,
      blocks,
      changes,
      since: since && { source: since.source, capturedAt: since.capturedAt, ...(since.unmatched ? { unmatched: true } : {}) },
      t: this.hooks.t,
      layer: this.hooks.layer,
      onHide: this.hooks.onHide,
      onMarkSeen: () => this.markSeen(),
    });
  }

  /**
   * Frameworks re-render the article (same words, new nodes), which strands
   * highlights on detached nodes and can drop our ghosts. When that happens,
   * read the page again and redraw the same changes.
   */
  private watchForRerenders(root: Element, ignore: string, sentBlocks: readonly LocatedBlock[], changes: ChangeSet, since: PageSeenResponse['baseline']) {
    const doc = this.win.document;
    let scheduled = false;
    const check = async () => {
      scheduled = false;
      const overlay = this.overlay;
      if (!overlay?.isShown || this.abort.signal.aborted || !overlay.isBroken()) return;
      const current = doc.contains(root) ? root : findContentRoot(doc, this.rule ?? undefined);
      if (!current) return;
      const blocks = await extractBlocksInSlices(current, ignore, this.abort.signal).catch(() => null);
      if (!blocks || this.overlay !== overlay) return;
      const index = overlay.currentIndex;
      overlay.hide();
      // Only the same words can carry the same changes; new content waits for its own capture.
      if (!sameText(blocks, sentBlocks)) return;
      if (this.page) this.page = { ...this.page, root: current, blocks };
      const redrawn = await this.createOverlay(doc, current, blocks, changes, since);
      if (this.overlay !== overlay || this.abort.signal.aborted) return;
      this.overlay = redrawn;
      redrawn.show();
      if (index >= 0) redrawn.goTo(index);
      this.observer?.takeRecords();
    };
    this.observer = new MutationObserver(() => {
      if (scheduled) return;
      scheduled = true;
      this.win.setTimeout(() => void check(), 300);
    });
    this.observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true, characterData: true });
  }
}

function sameText(a: readonly LocatedBlock[], b: readonly LocatedBlock[]): boolean {
  return a.length === b.length && a.every((block, i) => block.text === b[i]!.text);
}

