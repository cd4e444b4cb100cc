import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { projectRoot } from './browsers';

export const firefoxBuild = join(projectRoot, '.output/firefox-mv3');
const GECKO_ID = 'docdelta@docdelta.dev';
/** Fixed, so extension pages have a known address (Firefox would pick a random one per profile). */
const EXTENSION_UUID = 'd0cde17a-0000-4000-8000-00000000d0c5';
export const firefoxExtensionOrigin = `moz-extension://${EXTENSION_UUID}`;

export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) throw new Error('Firefox not found: install it (apt-get install firefox-esr) or set FIREFOX_PATH');
  return found;
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** Opens one of DocDelta's pages (options.html, popup.html?tab=…) in a new tab. */
  openExtensionPage: (path: string) => Promise<Page>;
  close: () => Promise<void>;
}

/**
 * Firefox ESR over WebDriver BiDi with the Firefox build installed as a temporary add-on.
 * Every plain-http request goes through the local fixture server as its proxy, so pages
 * keep their real docs URLs (Firefox has no host-resolver rules); nothing leaves the machine.
 */
export async function launchFirefox(options: {
  proxyPort: number;
  headless?: boolean;
  /** Save downloads in this folder without asking (as a reader who set a download folder). */
  downloads?: string;
}): Promise<FirefoxWithExtension> {
  if (!existsSync(join(firefoxBuild, 'manifest.json'))) throw new Error(`No Firefox build at ${firefoxBuild}: run "npx wxt build -b firefox" first`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: options.headless ?? true,
    args: ['--remote-allow-system-access'],
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': options.proxyPort,
      'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
      'network.proxy.allow_hijacking_localhost': false,
      ...(options.downloads
        ? { 'browser.download.folderList': 2, 'browser.download.dir': options.downloads, 'browser.download.useDownloadDir': true, 'browser.download.always_ask_before_handling_new_types': false }
        : {}),
    },
  });
  await browser.installExtension(firefoxBuild);
  return {
    browser,
    openExtensionPage: async (path) => {
      const page = await browser.newPage();
      const url = `${firefoxExtensionOrigin}/${path}`;
      // Over BiDi, a navigation to an extension page never reports its load: start it and watch.
      void page.goto(url).catch(() => undefined);
      await waitInPage(page, (expected) => location.href === expected && document.readyState === 'complete', url, `${path} to load`);
      return page;
    },
    close: () => browser.close(),
  };
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

type BiDiConnection = { send: (method: string, params: unknown) => Promise<{ result: { contexts?: Array<{ context: string; url: string }>; type?: string } }> };
const connectionOf = (firefox: FirefoxWithExtension) => (firefox.browser as unknown as { connection: BiDiConnection }).connection;

/**
 * The browser window's own (chrome) document, where Firefox keeps its key elements, or null
 * when this Firefox's WebDriver BiDi does not reach it: newer releases list chrome contexts
 * under "moz:scope", Firefox 140 ESR lists only its tabs.
 */
async function browserWindowContext(firefox: FirefoxWithExtension): Promise<string | null> {
  const { result: tree } = await connectionOf(firefox).send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  return tree.contexts?.find((context) => context.url === 'chrome://browser/content/browser.xhtml')?.context ?? null;
}

/** Whether runFirefoxCommand can work in this Firefox (see browserWindowContext). */
export async function canRunFirefoxCommands(firefox: FirefoxWithExtension): Promise<boolean> {
  return (await browserWindowContext(firefox)) !== null;
}

/**
 * Runs one of DocDelta's keyboard commands in Firefox as its shortcut would: key presses
 * from a test reach the page, not the browser, so this calls the browser's own key element
 * (found by the command's suggested key in the built manifest) from the chrome scope.
 */
export async function runFirefoxCommand(firefox: FirefoxWithExtension, page: Page, command: 'toggle-highlights' | 'next-change' | 'previous-change'): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(firefoxBuild, 'manifest.json'), 'utf8')) as { commands: Record<string, { suggested_key: { default: string } }> };
  const letter = manifest.commands[command]!.suggested_key.default.split('+').at(-1)!;
  await page.bringToFront();
  const browserWindow = await browserWindowContext(firefox);
  if (!browserWindow) throw new Error('this Firefox does not let WebDriver BiDi reach its browser window, so it cannot run keyboard commands');
  const keyset = `ext-keyset-id-${GECKO_ID.replace(/[^a-z0-9_-]/g, '_')}`;
  const { result } = await connectionOf(firefox).send('script.evaluate', {
    expression: `document.getElementById(${JSON.stringify(keyset)}).querySelector('key[key=${JSON.stringify(letter)}]').doCommand()`,
    target: { context: browserWindow },
    awaitPromise: false,
  });
  if (result.type !== 'success') throw new Error(`running ${command} in Firefox failed: ${JSON.stringify(result)}`);
}
