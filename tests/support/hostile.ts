import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFeed } from '../../cli/feed/build-feed';
import { snapshotVersions } from '../../cli/feed/snapshot-source';
import { readHtml, type CorpusVersion } from './corpus';
import type { PageLike } from './page-probe';
import { serveFolder } from './static-server';

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

/** What a page (or an extension page) holds that text could have become: elements, handlers, a sprung trap. */
export function inspectForMarkup(page: PageLike): Promise<{ pwned: string | null; images: number; inlineScripts: number; handlers: number; text: string }> {
  return page.evaluate(() => {
    const roots: Array<Document | ShadowRoot> = [document, ...[...document.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [e.shadowRoot] : []))];
    const all = roots.flatMap((root) => [...root.querySelectorAll('*')]);
    return {
      pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
      images: all.filter((e) => e.tagName === 'IMG').length,
      inlineScripts: all.filter((e) => e.tagName === 'SCRIPT' && !e.hasAttribute('src')).length,
      handlers: all.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      text: roots.map((root) => (root instanceof Document ? root.body.innerText : root.textContent)).join('\n'),
    };
  });
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
    // The overlay's shadow roots are open: the page clicks "Mark as seen" and hides the overlay.
    const panel = document.querySelector('docdelta-overlay')!.shadowRoot!;
    for (const button of panel.querySelectorAll('button')) button.click();
    for (const button of panel.querySelectorAll('button')) button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
}

/** The paths of DocDelta's own files that the page managed to fetch from `origin` (should be none). */
export function extensionFilesReached(page: PageLike, origin: string): Promise<string[]> {
  const files = ['manifest.json', 'popup.html', 'options.html', 'background.js', 'content-scripts/content.js'];
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

/** Replaces the ghosts' text and marks the overlay, as a page tampering with DocDelta's elements. */
export function tamperWithOverlay(page: PageLike): Promise<void> {
  return page.evaluate(() => {
    for (const ghost of document.querySelectorAll('docdelta-removed')) ghost.shadowRoot!.textContent = 'tampered';
    document.querySelector('docdelta-overlay')!.setAttribute('data-x', '1');
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
