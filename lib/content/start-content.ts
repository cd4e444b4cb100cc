import type { WxtBrowser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isContentCommand } from '../messages';
import { PageSession } from './page-session';

/**
 * The content script's wiring: one PageSession per URL, commands from the
 * background, and a clean stop when the extension goes away.
 */
export function startContent(ctx: ContentScriptContext, browser: WxtBrowser, win: Window = window): void {
  let highlightsWanted = true;
  let session: PageSession | null = null;

  let sessionUrl = '';
  // The location-change event fires before location.href changes, so it carries the new URL.
  const begin = (newUrl: URL | string = win.location.href) => {
    // Following an in-page anchor is not a new page: keep the overlay.
    const url = String(newUrl).split('#')[0]!;
    if (session && url === sessionUrl) return;
    sessionUrl = url;
    session?.dispose();
    session = new PageSession(browser, win, {
      highlightsWanted: () => highlightsWanted,
      onHide: () => {
        highlightsWanted = false;
        session?.overlay?.hide();
      },
    });
    void session.run();
  };

  const onMessage = (message: unknown) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (type === 'use-baseline') {
      const versionId = (message as { payload?: { versionId?: unknown } }).payload?.versionId;
      if (Number.isSafeInteger(versionId)) {
        highlightsWanted = true;
        void session?.compareWith(versionId as number);
      }
      return undefined;
    }
    if (!isContentCommand(type)) return undefined;
    const overlay = session?.overlay;
    if (type === 'toggle-highlights') {
      highlightsWanted = !(overlay?.isShown ?? highlightsWanted);
      if (highlightsWanted) overlay?.show();
      else overlay?.hide();
    } else if (overlay) {
      highlightsWanted = true;
      if (type === 'next-change') overlay.next();
      else overlay.previous();
    }
    return undefined;
  };

  browser.runtime.onMessage.addListener(onMessage);
  ctx.addEventListener(win, 'wxt:locationchange', (event) => begin(event.newUrl));
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(onMessage);
    session?.dispose();
    session = null;
  });
  begin();
}
