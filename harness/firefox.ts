import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type ConnectionTransport, type ElementHandle, type Page } from 'puppeteer-core';
import { NodeWebSocketTransport } from 'puppeteer-core/internal/node/NodeWebSocketTransport.js';
import { projectRoot } from './chromium';
import { runner, startFirefox, type InChrome, type StartedFirefox } from './marionette';

export const firefoxBuild = join(projectRoot, '.output/firefox-mv3');
export const GECKO_ID = 'docdelta@docdelta.dev';
/** Fixed, so extension pages have a known address (Firefox would pick a random one per profile). */
const EXTENSION_UUID = 'd0cde17a-0000-4000-8000-00000000d0c5';
export const firefoxExtensionOrigin = `moz-extension://${EXTENSION_UUID}`;

export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) throw new Error('Firefox not found: install it (apt-get install firefox-esr) or set FIREFOX_PATH');
  return found;
}

/** A known address for DocDelta's pages, and every plain-http request sent to the local fixture server as its proxy. */
export function firefoxTestPrefs(proxyPort: number): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
    'network.proxy.allow_hijacking_localhost': false,
  };
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** The browser window's own scope (toolbar, keyboard shortcuts, event page, add-on manager). */
  chrome: InChrome;
  /** Opens one of DocDelta's pages (options.html, popup.html?tab=…) in a new tab. */
  openExtensionPage: (path: string) => Promise<Page>;
  /** Calls `callback` when Firefox exits (the reader closed its window). */
  onExit: (callback: () => void) => void;
  close: () => Promise<void>;
}

/**
 * Firefox ESR with the Firefox build installed as a temporary add-on, pages driven by puppeteer
 * over WebDriver BiDi and the browser window over Marionette, one session for both
 * (harness/marionette.ts). Every plain-http request goes through the local fixture server as
 * its proxy, so pages keep their real docs URLs (Firefox has no host-resolver rules); nothing
 * leaves the machine.
 */
export async function launchFirefox(options: {
  proxyPort: number;
  headless?: boolean;
  /** Save downloads in this folder without asking (as a reader who set a download folder). */
  downloads?: string;
  /** Grant DocDelta's optional permission requests without the prompt (automation cannot answer it). */
  grantOptionalPermissions?: boolean;
  /** Send https requests through this local CONNECT proxy (harness/connect-proxy.ts). */
  httpsProxyPort?: number;
}): Promise<FirefoxWithExtension> {
  if (!existsSync(join(firefoxBuild, 'manifest.json'))) throw new Error(`No Firefox build at ${firefoxBuild}: run "npx wxt build -b firefox" first`);
  const started = await startFirefox({
    proxyPort: options.proxyPort,
    headless: options.headless,
    prefs: {
      ...(options.downloads
        ? { 'browser.download.folderList': 2, 'browser.download.dir': options.downloads, 'browser.download.useDownloadDir': true, 'browser.download.always_ask_before_handling_new_types': false }
        : {}),
      ...(options.grantOptionalPermissions ? { 'extensions.webextOptionalPermissionPrompts': false } : {}),
      ...(options.httpsProxyPort ? { 'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': options.httpsProxyPort } : {}),
    },
  });
  let browser: Browser;
  try {
    browser = await puppeteer.connect({ transport: await sessionTransport(started), protocol: 'webDriverBiDi' });
  } catch (error) {
    await started.quit();
    throw error;
  }
  return {
    browser,
    chrome: { inChrome: runner(started.marionette, 'chrome') },
    openExtensionPage: async (path) => {
      const page = await browser.newPage();
      const url = `${firefoxExtensionOrigin}/${path}`;
      // Over BiDi, a navigation to an extension page never reports its load: start it and watch.
      void page.goto(url).catch(() => undefined);
      await waitInPage(page, (expected) => location.href === expected && document.readyState === 'complete', url, `${path} to load`);
      return page;
    },
    onExit: (callback) => void started.process.once('exit', callback),
    async close() {
      await browser.disconnect().catch(() => undefined);
      await started.quit();
    },
  };
}

/**
 * puppeteer's BiDi driver over the BiDi socket of a session Marionette already made. puppeteer
 * always opens with `session.new`, which Firefox would refuse (one session at a time): it is
 * answered here with the session that exists.
 */
async function sessionTransport(session: StartedFirefox): Promise<ConnectionTransport> {
  const socket = await NodeWebSocketTransport.create(session.webSocketUrl);
  const transport: ConnectionTransport = {
    send(message) {
      const request = JSON.parse(message) as { id: number; method: string };
      if (request.method !== 'session.new') return socket.send(message);
      const answer = { type: 'success', id: request.id, result: { sessionId: session.sessionId, capabilities: session.capabilities } };
      setTimeout(() => transport.onmessage?.(JSON.stringify(answer)));
    },
    close: () => socket.close(),
  };
  socket.onmessage = (message) => transport.onmessage?.(String(message));
  socket.onclose = () => transport.onclose?.();
  return transport;
}

/**
 * Polls `check` in the page until it returns something truthy, and returns that. puppeteer's
 * own waits (waitForFunction, waitForSelector) rebuild their predicate with Function() inside
 * the page, which Firefox 140 refuses in extension pages (their CSP forbids eval); a plain
 * evaluate is not refused. Errors while the page navigates count as "not yet".
 */
export async function waitInPage<R, A>(page: Page, check: (arg: A) => R, arg: A, what: string, timeout = 15_000): Promise<NonNullable<Awaited<R>>> {
  for (const deadline = Date.now() + timeout; ; ) {
    const result = await page.evaluate(check as never, arg as never).catch(() => null) as Awaited<R> | null;
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The first element matching `selector` (CSS, or `xpath/…`), once there is one; see waitInPage for why not waitForSelector. */
export async function waitForElement(page: Page | ElementHandle, selector: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  for (const deadline = Date.now() + timeout; ; ) {
    const element = await page.$(selector).catch(() => null);
    if (element) return element as ElementHandle<Element>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${selector}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A puppeteer page as the shared probes and storage helpers use a page or worker (one function, one argument). */
export function evaluatorOf(page: Page): { evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> } {
  return { evaluate: (fn, arg) => page.evaluate(fn as never, arg as never) as never };
}
