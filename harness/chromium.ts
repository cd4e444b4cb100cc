import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const projectRoot = resolve(import.meta.dirname, '..');
export const chromeBuild = join(projectRoot, '.output/chrome-mv3');
/** The e2e build: like chromeBuild, with http://docs.fixture.test/* granted (a test cannot answer a permission prompt). */
export const chromeE2eBuild = join(projectRoot, '.output/chrome-mv3-e2e');

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) throw new Error('Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH');
  return found;
}

/** Chromium's resolver rules: `hosts` go to the local server on `port` (https `tls.hosts` to `tls.port`), every other lookup fails. */
export function hostResolverRules(port: number, hosts: readonly string[], tls?: TlsHosts): string {
  const mapped = [...hosts.map((host) => `MAP ${host} 127.0.0.1:${port}`), ...(tls?.hosts ?? []).map((host) => `MAP ${host} 127.0.0.1:${tls!.port}`)];
  return [...mapped, 'MAP * ~NOTFOUND', 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1'].join(' , ');
}

/** Real https hostnames answered by a local server with the test certificate (harness/tls). */
export interface TlsHosts {
  port: number;
  hosts: readonly string[];
}

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** The profile folder; removed by close() unless kept. */
  profile: string;
  /** Where a second CDP client can connect (with `remoteDebugging`). */
  debuggingUrl: string | null;
  close: () => Promise<void>;
}

/**
 * Chromium with the built extension loaded. `hosts` are real docs hostnames
 * the browser resolves to the local fixture server, so the extension sees
 * the real URL; every other lookup fails (nothing leaves the machine).
 */
export async function launchChromium(options: {
  port: number;
  hosts: string[];
  headless?: boolean;
  extension?: string;
  /** Reuse this profile folder (and keep it) instead of a fresh temporary one. */
  profile?: string;
  keepProfile?: boolean;
  /** Also listen for a second CDP client (puppeteer), which sees extension popups. */
  remoteDebugging?: boolean;
  /** Write the browser's own log of every network request to this file (complete once closed). */
  netLog?: string;
  /** https hosts sent to a local server whose test certificate the browser then accepts. */
  tls?: TlsHosts;
}): Promise<ExtensionBrowser> {
  const debuggingPort = options.remoteDebugging ? await freePort() : null;
  const extension = options.extension ?? chromeBuild;
  if (!existsSync(join(extension, 'manifest.json'))) throw new Error(`No extension build at ${extension}: run "npx wxt build" first`);
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'docdelta-profile-'));
  const keepProfile = options.keepProfile ?? options.profile !== undefined;
  const rules = hostResolverRules(options.port, options.hosts, options.tls);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--host-resolver-rules=${rules}`,
      ...(debuggingPort ? [`--remote-debugging-port=${debuggingPort}`] : []),
      ...(options.netLog ? [`--log-net-log=${options.netLog}`] : []),
      // Only where a local server stands in for real https hosts; nothing leaves the machine.
      ...(options.tls ? ['--ignore-certificate-errors'] : []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    profile,
    debuggingUrl: debuggingPort ? `http://127.0.0.1:${debuggingPort}` : null,
    close: async () => {
      await context.close();
      if (!keepProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A TCP port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
