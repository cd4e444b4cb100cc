import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
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
export async function launchFirefox(options: { proxyPort: number; headless?: boolean }): Promise<FirefoxWithExtension> {
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
      await page.waitForFunction((expected) => location.href === expected && document.readyState === 'complete', { polling: 100, timeout: 15_000 }, url);
      return page;
    },
    close: () => browser.close(),
  };
}

/** A puppeteer page as the shared probes and storage helpers use a page or worker (one function, one argument). */
export function evaluatorOf(page: Page): { evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> } {
  return { evaluate: (fn, arg) => page.evaluate(fn as never, arg as never) as never };
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
  const connection = (firefox.browser as unknown as { connection: { send: (method: string, params: unknown) => Promise<{ result: { contexts?: Array<{ context: string }>; type?: string } }> } }).connection;
  const { result: tree } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const keyset = `ext-keyset-id-${GECKO_ID.replace(/[^a-z0-9_-]/g, '_')}`;
  const { result } = await connection.send('script.evaluate', {
    expression: `document.getElementById(${JSON.stringify(keyset)}).querySelector('key[key=${JSON.stringify(letter)}]').doCommand()`,
    target: { context: tree.contexts![0]!.context },
    awaitPromise: false,
  });
  if (result.type !== 'success') throw new Error(`running ${command} in Firefox failed: ${JSON.stringify(result)}`);
}
