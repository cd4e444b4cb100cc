import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFeed } from '../../cli/feed/build-feed';
import { snapshotVersions } from '../../cli/feed/snapshot-source';
import { readHtml, type CorpusVersion } from './corpus';
import { inShadowRoots, pageScripts, type AnyPage } from '../../harness/closed-shadow';
import { inLayer, overlayText, paintSettled } from '../../harness/layer-reader';
import type { PageLike } from './page-probe';
import { serveFolder } from '../../harness/static-server';
import { storedPages, type ExtensionContext } from '../../harness/extension-state';

// What an attacker controls, for the hostile-text and hostile-page tests in every browser:
// strings in a feed and in the page, and a page whose names clobber an extension's globals.

/** Runs if any hostile string ever becomes code. */
export const TRAP = "window.__pwned='x'";
export const hostileStrings = [
  `<img src="http://attacker.example/img.png" onerror="${TRAP}">`,
  `<script>${TRAP}</script>`,
  `<svg onload="${TRAP}"></svg>`,
  `javascript:${TRAP}`,
  `</style><img src="http://attacker.example/style.png">`,
  '\u202Egnp.exe\u202C bidi',
  'W'.repeat(5000),
];
const PAGE = 'api-guide/hostile';
export const hostilePageUrl = `http://www.django-rest-framework.org/${PAGE}/`;
const intro = 'DocDelta renders every string below as text, however it looks, wherever it comes from.';

/** The live page, as the site renders the newer version; its title is hostile too. */
export const hostileLivePage = `<!doctype html><html><head><title>&lt;img src=x onerror="${TRAP}"&gt;</title></head><body>
<div id="main-content"><article class="md-content__inner"><h1>Hostile</h1><p>${intro}</p><p>The end of the page.</p></article></div></body></html>`;

/**
 * Serves a feed whose older version of the hostile page (markdown) carries the hostile strings
 * as text and as raw HTML, and whose title is hostile; its index is at `${url}/feed/index.json`.
 */
export async function serveHostileFeed(): Promise<Awaited<ReturnType<typeof serveFolder>>> {
  const olderMarkdown = ['# Hostile', '', intro, '', ...hostileStrings.map((text) => `- \`${text}\``), '', ...hostileStrings.slice(0, 3), '', 'The end of the page.'].join('\n');
  const newerMarkdown = ['# Hostile', '', intro, '', 'The end of the page.'].join('\n');
  const snapshots = mkdtempSync(join(tmpdir(), 'docdelta-hostile-'));
  const folder = join(snapshots, PAGE.replace('/', '__'));
  mkdirSync(folder);
  writeFileSync(join(folder, '20260101T000000Z.md'), olderMarkdown);
  writeFileSync(join(folder, '20260201T000000Z.md'), newerMarkdown);
  const out = mkdtempSync(join(tmpdir(), 'docdelta-hostile-feed-'));
  await buildFeed(snapshotVersions(snapshots, 'https://www.django-rest-framework.org/{path}/'), { out: join(out, 'feed'), title: hostileStrings[0]! });
  return serveFolder(out);
}

/** A corpus version with names that clobber the globals an extension might look for. */
export function clobberedPage(version: CorpusVersion): string {
  return readHtml(version).replace('<body', '<form name="browser"></form><img id="chrome" name="runtime"><a id="docdelta"></a><body');
}

/**
 * What a page (or an extension page) holds that text could have become: elements, handlers, a
 * sprung trap. DocDelta's own root is closed to the page and its frames are cross-origin, so
 * they are read as tools read them.
 */
export async function inspectForMarkup(page: AnyPage): Promise<{ pwned: string | null; images: number; inlineScripts: number; handlers: number; text: string }> {
  type Seen = { images: number; inlineScripts: number; handlers: number; text: string };
  const look = (root: Document | ShadowRoot): Seen => {
    const all = [...root.querySelectorAll('*')];
    return {
      images: all.filter((e) => e.tagName === 'IMG').length,
      inlineScripts: all.filter((e) => e.tagName === 'SCRIPT' && !e.hasAttribute('src')).length,
      handlers: all.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      text: root instanceof Document ? root.body.innerText : (root.textContent ?? ''),
    };
  };
  // The same look, from the page's own scripts (a function cannot be handed into the page twice over).
  const inPage = await pageScripts(page).evaluate(() => {
    const roots: Array<Document | ShadowRoot> = [document, ...[...document.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [e.shadowRoot] : []))];
    const parts = roots.map((root) => {
      const all = [...root.querySelectorAll('*')];
      return {
        images: all.filter((e) => e.tagName === 'IMG').length,
        inlineScripts: all.filter((e) => e.tagName === 'SCRIPT' && !e.hasAttribute('src')).length,
        handlers: all.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
        text: root instanceof Document ? root.body.innerText : (root.textContent ?? ''),
      };
    });
    return { pwned: (window as unknown as { __pwned?: string }).__pwned ?? null, parts };
  });
  const ours: Seen[] = [...(await inShadowRoots(page, 'docdelta-overlay', look))];
  // DocDelta's frames, where removed text, the navigator and the markers are drawn.
  for (const role of ['paint', 'panel'] as const) {
    const seen = await inLayer(page, role, () => {
      const all = [...document.querySelectorAll('*')];
      return {
        images: all.filter((e) => e.tagName === 'IMG').length,
        inlineScripts: all.filter((e) => e.tagName === 'SCRIPT' && !e.hasAttribute('src')).length,
        handlers: all.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
        text: document.body.textContent ?? '',
      };
    });
    if (seen) ours.push(seen);
  }
  const parts = [...inPage.parts, ...ours];
  return {
    pwned: inPage.pwned,
    images: parts.reduce((n, part) => n + part.images, 0),
    inlineScripts: parts.reduce((n, part) => n + part.inlineScripts, 0),
    handlers: parts.reduce((n, part) => n + part.handlers, 0),
    text: parts.map((part) => part.text).join('\n'),
  };
}

/**
 * From inside the page, everything a hostile page can do to reach or fool DocDelta: messages,
 * custom events, a forged client-side navigation, and scripted clicks on its overlay's buttons.
 */
export function attemptToDriveDocDelta(page: PageLike): Promise<void> {
  return page.evaluate(() => {
    for (const type of ['mark-seen', 'page-seen', 'set-feed', 'clear-all', 'import', 'toggle-highlights']) {
      window.postMessage({ type, payload: { url: location.href } }, '*');
      window.dispatchEvent(new CustomEvent(type, { detail: { type } }));
      document.dispatchEvent(new CustomEvent(`docdelta:${type}`));
    }
    const fake = new Event('wxt:locationchange') as Event & { newUrl: URL; oldUrl: URL };
    fake.newUrl = new URL('/api-guide/forged-page/', location.href);
    fake.oldUrl = new URL(location.href);
    window.dispatchEvent(fake);
    // The overlay's root is closed, so the page finds no button in it; it clicks the host instead.
    const overlay = document.querySelector('docdelta-overlay')!;
    for (const button of overlay.shadowRoot?.querySelectorAll('button') ?? []) button.click();
    overlay.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    (overlay as HTMLElement).click();
  });
}

/**
 * A page script that pushes `count` new URLs of its own site (a query string each), one every
 * `everyMs`: each would be a new page for DocDelta to store. Resolves when it is done.
 */
export function floodWithUrls(page: PageLike, count: number, everyMs: number): Promise<void> {
  return page.evaluate(
    ([total, interval]) =>
      new Promise<void>((resolve) => {
        let i = 0;
        const timer = setInterval(() => {
          history.pushState({}, '', `${location.pathname}flood-${i}/`);
          if (++i === total) {
            clearInterval(timer);
            resolve();
          }
        }, interval);
      }),
    [count, everyMs] as [number, number],
  );
}

/**
 * The pushState flood, the same in every browser: 12 URLs in eight seconds, then the time
 * a reader would need to be shown the page the script stopped on. Returns the page keys it
 * added and the versions seen before that are gone (the reader's own page must keep every one).
 */
export async function pushStateFlood(page: PageLike, extension: ExtensionContext) {
  const before = await storedPages(extension);
  // Slow enough that each URL would settle (400 ms without DOM changes) and be read, had
  // DocDelta not waited for the reader to have it on screen for a while.
  await floodWithUrls(page, 12, 700);
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const after = await storedPages(extension);
  const [versionsBefore, versionsAfter] = [before, after].map((pages) => new Set(pages.flatMap((stored) => stored.views.map((view) => `${stored.key}#${view.version}`))));
  return {
    added: after.filter((stored) => !before.some((old) => old.key === stored.key)).map((stored) => stored.key),
    /** Versions the reader had seen before the flood that are gone after it. */
    lost: [...versionsBefore!].filter((version) => !versionsAfter!.has(version)),
  };
}

/** The paths of DocDelta's own files that the page managed to fetch from `origin` (should be none). */
export function extensionFilesReached(page: PageLike, origin: string, files = ['manifest.json', 'popup.html', 'options.html', 'background.js', 'content-scripts/content.js', 'overlay.js']): Promise<string[]> {
  return page.evaluate(async ({ base, paths }) => {
    const results: string[] = [];
    for (const path of paths) {
      try {
        await fetch(`${base}/${path}`);
        results.push(path);
      } catch {
        // Refused, as it must be.
      }
    }
    return results;
  }, { base: origin, paths: files });
}

/** The page's markup and its open shadow roots, where DocDelta's address must never appear. */
export function everythingInPage(page: PageLike): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.documentElement.outerHTML];
    for (const element of document.querySelectorAll('*')) if (element.shadowRoot) parts.push(element.shadowRoot.innerHTML);
    return parts.join('\n');
  });
}

/** Writes into DocDelta's host and marks it, as a page tampering with DocDelta's element can (its root is closed). */
export function tamperWithOverlay(page: PageLike): Promise<void> {
  return page.evaluate(() => {
    const host = document.querySelector('docdelta-overlay')!;
    host.textContent = 'tampered';
    try {
      host.attachShadow({ mode: 'open' });
    } catch {
      // Refused: the element has its (closed) root already.
    }
    host.setAttribute('data-x', '1');
  });
}

// Written as text: an object literal's __proto__ would set a prototype, not a key.
const POISON = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';

/** `body` as JSON text with __proto__ and constructor.prototype keys added at several depths. */
export function poisoned(body: object): string {
  return JSON.stringify(body).replace(/^\{/, `{"__proto__":{"polluted":"yes"},"nested":[{"deeper":${POISON}}],`);
}

/** Serves a feed whose index (at `${url}/index/index.json`) is poisoned. */
export function servePoisonedFeed(): Promise<Awaited<ReturnType<typeof serveFolder>>> {
  const folder = mkdtempSync(join(tmpdir(), 'docdelta-poison-'));
  mkdirSync(join(folder, 'index'));
  writeFileSync(join(folder, 'index', 'index.json'), poisoned({ format: 'docdelta-feed', version: 1, title: 'x', pageShards: { url: '../shard/{shard}.json', hexDigits: 1 } }));
  return serveFolder(folder);
}

/** Whether this realm's plain objects, Object.prototype and arrays picked up a "polluted" key (all undefined when clean). */
export const pollutionProbe = (): unknown[] => [({} as Record<string, unknown>).polluted, (Object.prototype as Record<string, unknown>).polluted, ([] as unknown as Record<string, unknown>).polluted];

/**
 * Everything a page script can read that DocDelta might have left in reach: the markup and
 * visible text, open shadow roots, DocDelta's hosts (their children, attributes and whether
 * a root is handed out), a select-all's text, storage, and the names of loaded resources.
 */
export function whatThePageCanRead(page: PageLike): Promise<{ text: string; openRoots: number }> {
  return page.evaluate(() => {
    const parts: string[] = [document.documentElement.outerHTML, document.body.innerText, document.title, window.name, document.cookie];
    let openRoots = 0;
    for (const element of document.querySelectorAll('*')) {
      if (element.shadowRoot) parts.push(element.shadowRoot.innerHTML, element.shadowRoot.textContent ?? '');
      if (element.localName.startsWith('docdelta-')) {
        if (element.shadowRoot) openRoots++;
        parts.push(element.textContent ?? '', ...[...element.attributes].map((attribute) => attribute.value));
      }
    }
    for (const storage of [localStorage, sessionStorage]) for (let i = 0; i < storage.length; i++) parts.push(storage.getItem(storage.key(i)!) ?? '');
    const selection = getSelection()!;
    selection.selectAllChildren(document.body);
    parts.push(selection.toString());
    selection.removeAllRanges();
    parts.push(...performance.getEntries().map((entry) => entry.name));
    return { text: parts.join('\n'), openRoots };
  });
}

/**
 * What DocDelta shows the reader that the page must not learn, read as tools read its frames:
 * the navigator's count and "since" line (a date), and removed sentences the served page lacks.
 */
export async function whatDocDeltaShows(page: AnyPage, servedHtml: string): Promise<string[]> {
  // Each line the removed marks show (a removed line or heading, an old wording), as sentences.
  await paintSettled(page);
  const leaves = (await inLayer(page, 'paint', () => [...document.querySelectorAll('.removed .line')].map((e) => e.textContent ?? ''))) ?? [];
  const removed = leaves
    .flatMap((text) => text.split(/(?<=\.)\s+/))
    .map((text) => text.replace(/\s+/g, ' ').trim())
    .filter((text) => text.length >= 24 && /^[\w ,.:()'-]+$/.test(text) && !servedHtml.includes(text));
  const [count, since] = await Promise.all([overlayText(page, '.count'), overlayText(page, '.section')]);
  return [count, since, ...removed].filter(Boolean);
}

/** What a hostile page observes of itself while DocDelta may be drawing over it (see observeAsPage). */
export interface PageObservation {
  highlights: number;
  frames: number;
  hosts: number;
  /** Every article element's box, rounded to 1/8 px: the page's layout. */
  layout: string;
  /** The elements hit at points over the article's text, and the caret offset there. */
  hits: string[];
  /** The computed style the page's own CSS gives a sample of elements, DocDelta's host among them. */
  styles: string[];
  /** window.find over each word tried, and what a selection grown from a find holds. */
  found: boolean[];
  grown: string;
  /** Font files the page's unicode-range faces asked for: which characters were rendered in its styles. */
  fontsAsked: string[];
  resources: string[];
}

/**
 * Everything a page script tries to learn what the reader saw before, through the APIs it has:
 * the highlight registry, window.find and Selection.modify, hit testing and caret positions
 * over its text, its own layout and computed styles (DocDelta's host included), fonts with
 * unicode-range faces applied to every element and to the host, frames and resource timing.
 */
export async function observeAsPage(page: PageLike, root: string, words: string[]): Promise<PageObservation> {
  return page.evaluate(async ({ root, words }) => {
    const article = document.querySelector(root)!;
    // Fonts as a probe: one face per character class, asked for only if some text in its styles holds such a character.
    if (!document.getElementById('probe-fonts')) {
      const style = document.createElement('style');
      style.id = 'probe-fonts';
      const ranges = ['0-2F', '30-39', '41-5A', '61-6D', '6E-7A', '80-FFFF'];
      style.textContent = ranges.map((range, i) => `@font-face{font-family:probe${i};src:url(/probe-font/${range}.woff2);unicode-range:U+${range}}`).join('')
        + `*,docdelta-overlay{font-family:${ranges.map((_, i) => `probe${i}`).join(',')}!important}`;
      document.head.append(style);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const round = (n: number) => Math.round(n * 8) / 8;
    const layout = [...article.querySelectorAll('*')].map((element) => {
      const box = element.getBoundingClientRect();
      return `${round(box.x)},${round(box.y + scrollY)},${round(box.width)},${round(box.height)}`;
    }).join(';');
    const hits: string[] = [];
    const boxes = [...article.querySelectorAll('p, li, code, h2, h3')].slice(0, 80);
    for (const element of boxes) {
      element.scrollIntoView({ block: 'center' });
      const box = element.getBoundingClientRect();
      const [x, y] = [box.x + Math.min(box.width / 2, 40), box.y + box.height / 2];
      const stack = document.elementsFromPoint(x, y).map((hit) => hit.localName).join('>');
      const caret = (document as unknown as { caretPositionFromPoint?: (x: number, y: number) => { offset: number } | null }).caretPositionFromPoint?.(x, y)
        ?? (document as unknown as { caretRangeFromPoint?: (x: number, y: number) => Range | null }).caretRangeFromPoint?.(x, y);
      hits.push(`${stack}@${caret ? ('offset' in caret ? caret.offset : (caret as Range).startOffset) : -1}`);
    }
    const host = document.querySelector('docdelta-overlay');
    const styles = [article, ...boxes.slice(0, 10), ...(host ? [host] : [])].map((element) => {
      const computed = getComputedStyle(element);
      return ['display', 'position', 'font-family', 'color', 'width', 'height', 'margin-top'].map((name) => computed.getPropertyValue(name)).join('|').replace(/docdelta-overlay/g, '');
    });
    // Hosts aside, which only say that something is shown.
    styles.splice(boxes.slice(0, 10).length + 1);
    const found = words.map((word) => {
      getSelection()!.removeAllRanges();
      return (window as unknown as { find: (text: string, caseSensitive?: boolean, backwards?: boolean, wrap?: boolean) => boolean }).find(word, false, false, true);
    });
    getSelection()!.removeAllRanges();
    (window as unknown as { find: (text: string) => boolean }).find(article.querySelector('p')?.textContent?.trim().split(/\s+/).slice(0, 2).join(' ') ?? '');
    const selection = getSelection()!;
    for (let i = 0; i < 6; i++) (selection as unknown as { modify: (a: string, d: string, g: string) => void }).modify('extend', 'forward', 'paragraph');
    const grown = selection.toString();
    selection.removeAllRanges();
    await document.fonts.ready;
    const fontsAsked = performance.getEntries().map((entry) => entry.name).filter((name) => name.includes('/probe-font/')).map((name) => new URL(name).pathname).sort();
    const resources = performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => !name.startsWith('http'));
    scrollTo(0, 0);
    return { highlights: CSS.highlights.size, frames: window.length, hosts: document.querySelectorAll('docdelta-overlay').length, layout, hits, styles, found, grown, fontsAsked, resources };
  }, { root, words });
}
