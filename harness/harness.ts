import type { AnyPage, PageLike } from './closed-shadow';
import type { ShortcutCommand } from '../lib/shortcuts';
import type { ExtensionContext } from './extension-state';
import type { TlsHosts } from './chromium';

// One way to drive a real browser with DocDelta loaded, for the end-to-end scenarios, the demo
// and the bench: Chromium through playwright-core (harness/chromium-harness.ts), Firefox ESR
// through puppeteer-core over WebDriver BiDi (harness/firefox-harness.ts). A scenario is written
// once against this interface and runs in each browser; what one browser cannot do is declared
// in `can`, so a scenario skips it by construction and the run says so.

export type BrowserName = 'chromium' | 'firefox';

export const browserNames: readonly BrowserName[] = ['chromium', 'firefox'];

/** What a browser's harness can do beyond the common ground. */
export interface Capabilities {
  /** The browser keeps its own log of every request it made, for any origin (Chromium's --log-net-log). */
  netLog: boolean;
  /** Reloading (updating) an extension runs its new content scripts in the pages already open (Firefox does; Chromium does not). */
  rerunsContentScripts: boolean;
  /** A test can switch the extension off as the reader does in the browser's add-on manager (Harness.switchOff). */
  switchOff: boolean;
  /** Web-accessible files are served only under an address made anew each session (Chromium's use_dynamic_url). */
  dynamicResourceUrls: boolean;
}

const capabilities: Record<BrowserName, Capabilities> = {
  chromium: { netLog: true, rerunsContentScripts: false, switchOff: false, dynamicResourceUrls: true },
  firefox: { netLog: false, rerunsContentScripts: true, switchOff: true, dynamicResourceUrls: false },
};

export const capabilitiesOf = (browser: BrowserName): Capabilities => capabilities[browser];

/** A browser tab, as a scenario drives it. */
export interface Tab extends PageLike {
  /** The driver's own page, for the closed-shadow readers and the overlay probes. */
  readonly page: AnyPage;
  url(): string;
  /** Opens `url` and waits for its load (no DocDelta settling: see Harness.visit). */
  goto(url: string): Promise<void>;
  /** Replaces the tab's document with `html` (a scratch tab for a reference rendering). */
  setContent(html: string): Promise<void>;
  /** Makes the tab the one the reader looks at (DocDelta reads a page only while it is shown). */
  bringToFront(): Promise<void>;
  /** A reader's click (trusted, with the mouse) on the first element matching the CSS `selector`. */
  click(selector: string): Promise<void>;
  /** A reader's click on the control whose accessible name is `name` (in `within`, a CSS selector), once it shows. */
  clickControl(name: string | RegExp, within?: string): Promise<void>;
  /** Types `text` into the field the CSS `selector` finds, as the reader would, replacing what it held. */
  fill(selector: string, text: string): Promise<void>;
  /** Types `text` into the field whose accessible name (its label) is `name`, replacing what it held. */
  fillControl(name: string | RegExp, text: string): Promise<void>;
  /** Chooses the option whose value is `value` in the select the CSS `selector` finds, as the reader would. */
  select(selector: string, value: string): Promise<void>;
  /** Chooses `file` in the file picker the CSS `selector` finds, as the reader's pick in the browser's dialog. */
  upload(selector: string, file: string): Promise<void>;
  /** Waits until an element matches the CSS `selector` (a hang, not a speed check, ends it). */
  waitFor(selector: string): Promise<void>;
  /** The browser's Back button. */
  goBack(): Promise<void>;
  /** The browser's Reload button (waits for the load; DocDelta's answer is the scenario's to wait for). */
  reload(): Promise<void>;
  /** A key press in the tab, as the reader's keyboard sends it ("Tab", "Enter", "Space", …). */
  press(key: string): Promise<void>;
  /** The pixels the tab shows now in `box` (viewport coordinates). */
  capture(box: Box): Promise<Uint8Array>;
  /** What the page reported as errors since the tab opened: console errors, and "uncaught: …". */
  errors(): string[];
  /** Saves what the tab shows as a PNG, at `size` when given (the popup's own size, say). */
  screenshot(file: string, size?: { width: number; height: number }): Promise<void>;
  close(): Promise<void>;
}

export interface Harness {
  readonly browser: BrowserName;
  readonly can: Capabilities;
  /** Where DocDelta's files are (chrome-extension://… or moz-extension://…), as a page would have to name them. */
  readonly extensionOrigin: string;
  /** Runs code in DocDelta's own origin, which sees its IndexedDB and its background's console API. */
  readonly extension: ExtensionContext;
  newTab(): Promise<Tab>;
  /**
   * Opens `url` in `tab` and waits until DocDelta answered the visit (on a first visit to a page
   * of a site with a feed, after reading the feed) and the badge and the overlay agree (see
   * settleVisit). Returns the badge text.
   */
  visit(tab: Tab, url: string): Promise<string>;
  /** The browser's id of `tab`, as DocDelta's messages name tabs. */
  tabId(tab: Tab): Promise<number>;
  /** The toolbar badge of `tab`, as the background set it. */
  badge(tab: Tab): Promise<string>;
  /** Sends one of DocDelta's keyboard commands to `tab`, as the browser does on its key press. */
  runCommand(tab: Tab, command: ShortcutCommand): Promise<void>;
  /** Sends `message` as DocDelta's own pages do (runtime.sendMessage from an extension page); returns the answer. */
  message(message: unknown): Promise<unknown>;
  /** The toolbar popup for `tab`, opened as a page (it would take itself for the active tab, so the tab is named). */
  openPopup(tab: Tab): Promise<Tab>;
  /** Opens one of DocDelta's pages (options.html, changes.html, popup.html?tab=…) in a new tab. */
  openExtensionPage(path: string): Promise<Tab>;
  /** Stops DocDelta's background (service worker, event page) at once, busy or not, as the browser does when it likes. */
  stopBackground(): Promise<void>;
  /** Reloads DocDelta as an update does, under the open pages; `extension` then speaks to the new copy. */
  reloadExtension(): Promise<void>;
  /** Switches DocDelta off, as the reader does in the add-on manager (`can.switchOff`); nothing of it runs after. */
  switchOff(): Promise<void>;
  /** Runs `action` (a click that opens a tab) and returns the new tab once it shows `url`. */
  tabOpenedBy(action: () => Promise<void>, url: string): Promise<Tab>;
  /** What the browser does when the reader takes back DocDelta's access to `origin` (a host permission pattern). */
  revokeSite(origin: string): Promise<void>;
  /** A reader's click on DocDelta's toolbar button with `tab` in front: the real popup opens (and activeTab is granted). */
  clickToolbarButton(tab: Tab): Promise<ToolbarPopup>;
  /** Calls `callback` once the reader closed the browser (a demo with a window). */
  onClosed(callback: () => void): void;
  close(): Promise<void>;
}

/** A box on screen, in CSS pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The real toolbar popup, as far as a test can reach into it in both browsers: Firefox opens it
 * in a panel of the browser window, which is read from another of DocDelta's pages.
 */
export interface ToolbarPopup {
  /** The text of the first element `selector` finds in the popup ("" while there is none). */
  text(selector: string): Promise<string>;
  /** An attribute of that element (null while there is none). */
  attribute(selector: string, name: string): Promise<string | null>;
  /** Closes it, as a click elsewhere does. */
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The local fixture server every docs host is sent to. */
  port: number;
  /** The real docs hostnames the browser sends there (Firefox sends every plain-http request). */
  hosts: string[];
  headless?: boolean;
  /** Where the browser writes its own log of every request, complete once closed (`can.netLog`; ignored elsewhere). */
  netLog?: string;
  /**
   * Answers DocDelta's optional host permission requests with yes (a test cannot answer the
   * browser's prompt): Chromium loads the e2e build, which holds http://docs.fixture.test/* as
   * granted; Firefox turns its prompt off by a preference. The request itself is real.
   */
  grantSites?: boolean;
  /** Saves downloads in this folder without asking, as a reader who set a download folder. */
  downloads?: string;
  /**
   * Real https hostnames (the archives') answered by a local server with the test certificate
   * (harness/tls): Chromium maps them and accepts the certificate; Firefox reaches them through
   * a local CONNECT proxy, its session accepting the certificate.
   */
  tls?: TlsHosts;
}

/** The browser this run's scenarios drive, named by its Vitest project (vitest.config.ts). */
export function scenarioBrowser(): BrowserName {
  const name = process.env.DOCDELTA_BROWSER;
  if (name === 'chromium' || name === 'firefox') return name;
  throw new Error(`DOCDELTA_BROWSER is "${name ?? ''}": run the scenarios through the e2e-chromium or e2e-firefox project`);
}

export async function launchHarness(browser: BrowserName, options: HarnessOptions): Promise<Harness> {
  // Imported on demand: a Chromium run never loads puppeteer's Firefox driver, and the reverse.
  if (browser === 'chromium') return (await import('./chromium-harness')).launchChromiumHarness(options);
  return (await import('./firefox-harness')).launchFirefoxHarness(options);
}

/** What DocDelta shows of one tab at a moment: the badge, and the navigator's count line. */
export interface ShownState {
  badge: string;
  shown: string;
}

/**
 * The one settle rule for both browsers: once the background answered the visit (its answer
 * time is at or after `since`), DocDelta is settled when the badge and the navigator agree
 * ("3" and "3 changes", a count and the too-many summary, or both empty) on two reads in a row. A disagreement that lasts is an
 * error, not a result. The limit only catches hangs; it is no speed check.
 */
export async function settleVisit(read: { answeredAt: () => Promise<number>; state: () => Promise<ShownState> }, since: number, url: string, limit = 30_000): Promise<string> {
  const deadline = Date.now() + limit;
  while ((await read.answeredAt()) < since) {
    if (Date.now() > deadline) throw new Error(`DocDelta did not answer the visit to ${url}`);
    await sleep(100);
  }
  let last: string | null = null;
  for (;;) {
    const { badge, shown } = await read.state();
    const agree = badge === ''
      ? shown === ''
      : shown === `${badge} change${badge === '1' ? '' : 's'}` || shown === TOO_MANY || (badge === '999+' && /^\d{4,} changes$/.test(shown));
    const state = `${badge}|${shown}`;
    if (agree && state === last) return badge;
    if (Date.now() > deadline) throw new Error(`Badge "${badge}" and overlay "${shown}" disagree on ${url}`);
    last = agree ? state : null;
    await sleep(50);
  }
}

/** The navigator's count line when a page changed too much to mark (public/_locales/en). */
const TOO_MANY = 'Too many changes to show inline';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
