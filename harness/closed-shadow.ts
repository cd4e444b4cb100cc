import type { CDPSession, Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';

// DocDelta's page elements keep their content in closed shadow roots, which the page's own
// scripts (and so `page.evaluate`, and Playwright's locators) cannot enter. A test reads them
// the way the browser lets tools do: Chromium's DevTools protocol (DOM.getDocument with
// `pierce`), and in Firefox WebDriver BiDi, whose node serialization hands out closed roots.

/** A browser tab as the probes use it: Playwright's or puppeteer's page. */
export interface PageLike {
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
}

export type AnyPage = PlaywrightPage | PuppeteerPage;

interface CdpNode {
  backendNodeId: number;
  localName?: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

interface BidiNode {
  sharedId: string;
  value?: { shadowRoot?: BidiNode | null };
}

/** A function run in each root, returning something JSON can carry. Written as in page.evaluate. */
type InRoot<R, A> = (root: ShadowRoot, arg: A) => R | Promise<R>;

const isPlaywright = (page: AnyPage): page is PlaywrightPage => typeof (page as PlaywrightPage).context === 'function';

/** The page's own script world, as the probes use it (one function, one argument). */
export function pageScripts(page: AnyPage): PageLike {
  if (isPlaywright(page)) return page as PageLike;
  return { evaluate: (fn, arg) => page.evaluate(fn as never, arg as never) as never };
}

/** Runs `fn` in the shadow root of every element named `tag` (document order); open or closed alike. */
export async function inShadowRoots<R, A = undefined>(page: AnyPage, tag: string, fn: InRoot<R, A>, arg?: A): Promise<R[]> {
  // The function goes over as text; its argument and its result travel as JSON text, in both protocols.
  const declaration = `async function (argText) { return JSON.stringify(await (${fn.toString()})(this, JSON.parse(argText)) ?? null); }`;
  const argText = JSON.stringify(arg ?? null);
  const texts = isPlaywright(page) ? await inChromium(page, tag, declaration, argText) : await inFirefox(page, tag, declaration, argText);
  return texts.map((text) => JSON.parse(text) as R);
}

// One DevTools session per tab, kept while the tab lives: opening one per read cost more than the
// read. Reads on one session take turns: each asks for the document afresh, which voids the node
// ids another read would still be using.
const cdpSessions = new WeakMap<PlaywrightPage, { session: Promise<CDPSession>; turn: Promise<unknown> }>();

function inChromium(page: PlaywrightPage, tag: string, declaration: string, argText: string): Promise<string[]> {
  let entry = cdpSessions.get(page);
  if (!entry) cdpSessions.set(page, (entry = { session: page.context().newCDPSession(page), turn: Promise.resolve() }));
  // A read that never answers (a page torn down mid-call) would hold every later read of the tab:
  // after 30 s it fails instead, naming what it waited for.
  const read = entry.turn.then(async () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`reading <${tag}> shadow roots: no answer in 30 s`)), 30_000)));
    try {
      return await Promise.race([readShadowRoots(await entry.session, tag, declaration, argText), stalled]);
    } finally {
      clearTimeout(timer);
    }
  });
  entry.turn = read.catch(() => undefined);
  return read;
}

async function readShadowRoots(session: CDPSession, tag: string, declaration: string, argText: string): Promise<string[]> {
  // The document's top node only, then the hosts by tag (DOM.querySelectorAll, never the page's own
  // scripts, which a hostile page may have replaced), then each host's root: a whole pierced tree
  // of a large page per read was the cost of every settle.
  const { root } = (await session.send('DOM.getDocument', { depth: 0 })) as { root: { nodeId: number } };
  const { nodeIds } = await session.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: tag });
  const results: string[] = [];
  for (const nodeId of nodeIds) {
    const { node } = (await session.send('DOM.describeNode', { nodeId, depth: 1, pierce: true })) as { node: CdpNode };
    const shadow = node.shadowRoots?.[0];
    if (!shadow) continue;
    const { object } = await session.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const reply = await session.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: declaration,
      arguments: [{ value: argText }],
      returnByValue: true,
      awaitPromise: true,
    });
    await session.send('Runtime.releaseObject', { objectId: object.objectId! });
    if (reply.exceptionDetails) throw new Error(`in a shadow root: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
    results.push(reply.result.value as string);
  }
  return results;
}

async function inFirefox(page: PuppeteerPage, tag: string, declaration: string, argText: string): Promise<string[]> {
  const connection = (page.browser() as unknown as { connection: { send: (method: string, params: object) => Promise<{ result: BidiResult }> } }).connection;
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  const hosts = await connection.send('script.callFunction', {
    functionDeclaration: `(tag) => [...document.getElementsByTagName(tag)]`,
    arguments: [{ type: 'string', value: tag }],
    awaitPromise: false,
    target: { context },
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  });
  if (hosts.result.type !== 'success') throw new Error(`finding ${tag}: ${hosts.result.exceptionDetails?.text}`);
  const results: string[] = [];
  for (const host of hosts.result.result.value as BidiNode[]) {
    const shadow = host.value?.shadowRoot;
    if (!shadow) continue;
    const reply = await connection.send('script.callFunction', {
      functionDeclaration: declaration,
      this: { sharedId: shadow.sharedId },
      arguments: [{ type: 'string', value: argText }],
      awaitPromise: true,
      target: { context },
    });
    if (reply.result.type !== 'success') throw new Error(`in a shadow root: ${reply.result.exceptionDetails?.text}`);
    results.push(reply.result.result.value as string);
  }
  return results;
}

type BidiResult = { type: 'success'; result: { value: unknown } } | { type: 'exception'; exceptionDetails?: { text: string } };
