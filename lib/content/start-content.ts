import type { WxtBrowser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browserTranslate } from '../i18n';
import { sweepLeftovers } from '../overlay/sweep-leftovers';
import { PageSession } from './page-session';
import { layerSource } from '../overlay/layer-source';

/** A page reached by client-side navigation is read once it has been on screen this long. */
export const NAVIGATION_DWELL_MS = 1500;

/**
 * A client-side navigation this soon after the reader's own click or key (trusted input, which
 * no page script can make) is the reader's; a later one is the page's script inventing URLs.
 */
export const READER_NAVIGATION_MS = 5000;

/**
 * The content script's wiring: one PageSession per URL, commands from the
 * background, and a clean stop when the extension goes away.
 */
export function startContent(ctx: ContentScriptContext, browser: WxtBrowser, win: Window = window): void {
  // The reader's choice in this tab (keys, popup switch, the navigator's ×); null until made.
  let highlightsWanted: boolean | null = null;
  const t = browserTranslate((key, substitutions) => browser.i18n.getMessage(key as never, substitutions));
  let session: PageSession | null = null;
  const layer = layerSource(browser);

  let sessionUrl = '';
  let lastReaderInput = Number.NEGATIVE_INFINITY;
  const onReaderInput = (event: Event) => {
    if (event.isTrusted) lastReaderInput = performance.now();
  };
  ctx.addEventListener(win, 'pointerdown', onReaderInput, { capture: true, passive: true });
  ctx.addEventListener(win, 'keydown', onReaderInput, { capture: true, passive: true });
  // The location-change event fires before location.href changes, so it carries the new URL.
  // A page loaded is a page opened; a client-side navigation is, when the reader's input led to it.
  const begin = (newUrl: URL | string = win.location.href, navigated = false, opened = true) => {
    // Following an in-page anchor is not a new page: keep the overlay.
    const url = String(newUrl).split('#')[0]!;
    if (session && url === sessionUrl) return;
    sessionUrl = url;
    session?.dispose();
    session = new PageSession(browser, win, {
      t,
      layer,
      highlightsWanted: () => highlightsWanted,
      onHide: () => {
        highlightsWanted = false;
        session?.overlay?.hide();
      },
      dwellMs: navigated ? NAVIGATION_DWELL_MS : 0,
      opened,
    });
    void session.run();
  };

  const show = (on: boolean) => {
    highlightsWanted = on;
    if (on) session?.overlay?.show();
    else session?.overlay?.hide();
  };

  // Only the background sends these (a page cannot reach runtime messaging); each is checked anyway.
  const onMessage = (message: unknown): Promise<unknown> | undefined => {
    const { type, payload } = (message ?? {}) as { type?: unknown; payload?: Record<string, unknown> };
    const overlay = session?.overlay;
    switch (type) {
      case 'describe':
        return Promise.resolve(session?.summary() ?? null);
      case 'set-highlights':
        if (typeof payload?.on === 'boolean') show(payload.on);
        return undefined;
      case 'use-baseline':
        if (!Number.isSafeInteger(payload?.versionId)) return undefined;
        highlightsWanted = true;
        // Answered once redrawn, so the popup can show the new state.
        return session?.compareWith(payload!.versionId as number).then(() => null);
      case 'mark-seen':
        session?.markSeen();
        return undefined;
      case 'first-change':
      case 'next-change':
      case 'previous-change':
        if (!overlay) return undefined;
        highlightsWanted = true;
        if (type === 'first-change') overlay.goTo(0);
        else if (type === 'next-change') overlay.next();
        else overlay.previous();
        return undefined;
      default:
        return undefined;
    }
  };

  browser.runtime.onMessage.addListener(onMessage);
  // The location-change event is a DOM event the page could fire as well: act only once the
  // tab's real location has become the URL it announces (it fires just before it does).
  const onLocationChange = (announced: URL) => {
    const target = String(announced).split('#')[0];
    const opened = performance.now() - lastReaderInput < READER_NAVIGATION_MS;
    let tries = 0;
    const check = () => {
      if (win.location.href.split('#')[0] === target) begin(win.location.href, true, opened);
      else if (++tries < 20) ctx.setTimeout(check, 50);
    };
    check();
  };
  ctx.addEventListener(win, 'wxt:locationchange', (event) => onLocationChange(event.newUrl));
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(onMessage);
    session?.dispose();
    session = null;
  });
  // An extension that is updated, reloaded or switched off leaves this script orphaned, and
  // nothing tells it. WXT's context notices when asked, and each tick of its timers asks.
  ctx.setInterval(() => undefined, 1000);
  sweepLeftovers(win.document);
  begin();
}
