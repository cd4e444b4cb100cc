import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, createProfile } from '@puppeteer/browsers';
import type { ShortcutCommand } from '../lib/shortcuts';
import { firefoxBuild, firefoxPath, firefoxTestPrefs, GECKO_ID } from './firefox';

// Firefox driven over Marionette, its own WebDriver-classic protocol, for what WebDriver BiDi
// cannot do in Firefox 140 ESR: run code in the browser window itself (the chrome scope),
// where Firefox keeps the key elements of an extension's keyboard shortcuts, its toolbar
// button, its event pages and its add-on manager. Firefox allows one session, so the session
// is made here with `webSocketUrl`, and puppeteer drives pages over that same session's BiDi
// socket (harness/firefox.ts).

type Reply = { error: { error: string; message: string } | null; result: unknown };

/** A Marionette connection: length-prefixed JSON messages, one answer per command. */
export class MarionetteConnection {
  private buffer = Buffer.alloc(0);
  private nextId = 0;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private greeted: Promise<void>;

  constructor(private readonly socket: Socket) {
    let greet!: () => void;
    this.greeted = new Promise((resolve) => (greet = resolve));
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const colon = this.buffer.indexOf(':');
        if (colon < 0) return;
        const length = Number(this.buffer.subarray(0, colon).toString());
        if (this.buffer.length < colon + 1 + length) return;
        const message = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString()) as unknown;
        this.buffer = this.buffer.subarray(colon + 1 + length);
        if (!Array.isArray(message)) greet();
        else this.waiting.get(message[1] as number)?.({ error: message[2] as Reply['error'], result: message[3] });
      }
    });
  }

  async send<R = unknown>(command: string, params: Record<string, unknown> = {}): Promise<R> {
    await this.greeted;
    const id = ++this.nextId;
    const text = JSON.stringify([0, id, command, params]);
    const reply = await new Promise<Reply>((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.write(`${Buffer.byteLength(text)}:${text}`);
    });
    this.waiting.delete(id);
    if (reply.error) throw new Error(`${command}: ${reply.error.error}: ${reply.error.message}`);
    return (reply.result as { value?: R } | null)?.value ?? (reply.result as R);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function connectWhenListening(port: number, firefox: ChildProcess): Promise<Socket> {
  for (const deadline = Date.now() + 30_000; ; ) {
    if (firefox.exitCode !== null) throw new Error(`Firefox exited (${firefox.exitCode}) before Marionette listened`);
    const socket = await new Promise<Socket | null>((resolve) => {
      const attempt = connect(port, '127.0.0.1', () => resolve(attempt)).on('error', () => resolve(null));
    });
    if (socket) return socket;
    if (Date.now() > deadline) throw new Error('Marionette did not listen within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A Firefox process with a Marionette session, and that session's WebDriver BiDi address. */
export interface StartedFirefox {
  marionette: MarionetteConnection;
  /** The same session over WebDriver BiDi (puppeteer drives pages through it: harness/firefox.ts). */
  webSocketUrl: string;
  sessionId: string;
  capabilities: Record<string, unknown>;
  process: ChildProcess;
  /** Ends the session, waits for Firefox to exit and deletes its profile. */
  quit(): Promise<void>;
}

/**
 * Starts Firefox ESR on a fresh profile with one Marionette session that also speaks WebDriver
 * BiDi (`webSocketUrl`), with DocDelta's Firefox build installed as a temporary add-on. Firefox
 * allows one session: BiDi (pages) and Marionette (the browser window) share it.
 */
export async function startFirefox(options: { proxyPort: number; prefs?: Record<string, unknown>; headless?: boolean }): Promise<StartedFirefox> {
  const profile = mkdtempSync(join(tmpdir(), 'docdelta-firefox-'));
  const port = await freePort();
  await createProfile(Browser.FIREFOX, { path: profile, preferences: { ...firefoxTestPrefs(options.proxyPort), ...options.prefs, 'marionette.port': port } });
  const args = ['-marionette', '-no-remote', '-remote-allow-system-access', '--remote-debugging-port=0', '-profile', profile];
  const firefox = spawn(firefoxPath(), options.headless === false ? args : ['-headless', ...args], { stdio: 'ignore', env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' } });
  const exited = new Promise((resolve) => (firefox.exitCode !== null ? resolve(null) : firefox.once('exit', resolve)));
  try {
    const socket = await connectWhenListening(port, firefox);
    const marionette = new MarionetteConnection(socket);
    // Marionette takes the capabilities themselves (geckodriver would have matched them).
    const session = await marionette.send<{ sessionId: string; capabilities: Record<string, unknown> }>('WebDriver:NewSession', { acceptInsecureCerts: true, webSocketUrl: true });
    await marionette.send('Addon:Install', { path: firefoxBuild, temporary: true });
    return {
      marionette,
      webSocketUrl: String(session.capabilities.webSocketUrl),
      sessionId: session.sessionId,
      capabilities: session.capabilities,
      process: firefox,
      async quit() {
        // Firefox asked to quit has once not answered nor exited (a CI run's last hook waited two
        // minutes on it): after 20 s each, it is stopped as a killed process is.
        const grace = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
        await Promise.race([marionette.send('Marionette:Quit', {}).catch(() => undefined), grace(20_000)]);
        socket.destroy();
        if ((await Promise.race([exited.then(() => 'exited'), grace(20_000)])) !== 'exited') firefox.kill('SIGKILL');
        await exited;
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    firefox.kill();
    await exited;
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** Runs `fn(arg)` in the browser window itself (the chrome scope), where Firefox keeps what pages cannot reach. */
export type ChromeScope = <R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A) => Promise<R>;

/** Runs a function in the current window's page or in the browser window, through Marionette. */
export function runner(marionette: MarionetteConnection, context: 'content' | 'chrome'): ChromeScope {
  return async (fn, arg) => {
    await marionette.send('Marionette:SetContext', { value: context });
    // The last argument of an async script is its callback; errors come back as { error }.
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn.toString()})(arguments[0])).then((value) => done({ value }), (error) => done({ error: String(error) }));`;
    const outcome = await marionette.send<{ value?: unknown; error?: string }>('WebDriver:ExecuteAsyncScript', { script, args: [arg ?? null], scriptTimeout: 20_000 });
    if (outcome.error) throw new Error(outcome.error);
    return outcome.value as never;
  };
}

/** What can reach Firefox's browser window (a Marionette session). */
export interface InChrome {
  inChrome: ChromeScope;
}

/**
 * Presses one of DocDelta's keyboard shortcuts in the selected tab, as Firefox handles it: the
 * key element Firefox made for the command, in the browser window (found by the command's
 * suggested key in the built manifest). Key presses sent to a page never reach it.
 */
export async function pressShortcutKey(firefox: InChrome, command: ShortcutCommand): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(firefoxBuild, 'manifest.json'), 'utf8')) as { commands: Record<string, { suggested_key: { default: string } }> };
  const letter = manifest.commands[command]!.suggested_key.default.split('+').at(-1)!;
  await firefox.inChrome(({ keyset, key }) => {
    const element = document.getElementById(keyset)?.querySelector(`key[key="${key}"]`) as (Element & { doCommand: () => void }) | null;
    if (!element) throw new Error(`no key element for ${key} in ${keyset}`);
    element.doCommand();
  }, { keyset: `ext-keyset-id-${GECKO_ID.replace(/[^a-z0-9_-]/g, '_')}`, key: letter });
}

/** What a click on DocDelta's toolbar button runs in the selected tab: its popup opens (and activeTab is granted). */
export async function triggerToolbarButton(firefox: InChrome): Promise<void> {
  await firefox.inChrome(async (id) => {
    type Parent = { ExtensionParent: { apiManager: { global: { browserActionFor: (extension: unknown) => { triggerAction: (window: Window) => Promise<void> } } } } };
    const globals = globalThis as unknown as { ChromeUtils: { importESModule: (url: string) => Parent }; WebExtensionPolicy: { getByID: (id: string) => { extension: unknown } } };
    const { ExtensionParent } = globals.ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
    await ExtensionParent.apiManager.global.browserActionFor(globals.WebExtensionPolicy.getByID(id).extension).triggerAction(window);
  }, GECKO_ID);
}

/** Closes the toolbar popup's panel, as a click elsewhere does. */
export async function closeToolbarPopup(firefox: InChrome): Promise<void> {
  await firefox.inChrome(() => (document.getElementById('customizationui-widget-panel') as unknown as { hidePopup: () => void } | null)?.hidePopup());
}

type ChromeGlobals = {
  ChromeUtils: { importESModule: (url: string) => Record<string, unknown> };
  WebExtensionPolicy: { getByID: (id: string) => { extension: { backgroundState: string; terminateBackground: (options: object) => Promise<void> } } };
};

/** Stops DocDelta's event page, as Firefox does when it has been idle (here at once, busy or not). */
export async function stopBackground(firefox: InChrome): Promise<void> {
  await firefox.inChrome((id) => (globalThis as unknown as ChromeGlobals).WebExtensionPolicy.getByID(id).extension.terminateBackground({ disableResetIdleForTest: true }), GECKO_ID);
}

/** Switches DocDelta off, or reloads it (as an update does), from Firefox's add-on manager. */
export async function manageAddon(firefox: InChrome, action: 'disable' | 'reload'): Promise<void> {
  await firefox.inChrome(async ({ id, what }) => {
    const { AddonManager } = (globalThis as unknown as ChromeGlobals).ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs') as { AddonManager: { getAddonByID: (id: string) => Promise<Record<string, () => Promise<void>>> } };
    await (await AddonManager.getAddonByID(id))[what]!();
  }, { id: GECKO_ID, what: action });
}
