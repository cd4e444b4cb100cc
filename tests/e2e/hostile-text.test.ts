import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { buildFeed } from '../../cli/feed/build-feed';
import { snapshotVersions } from '../../cli/feed/snapshot-source';
import { launchChromium, type ExtensionBrowser } from '../support/browsers';
import { openPopupAsPage, setSiteFeed } from '../support/extension-state';
import { FixtureServer } from '../support/fixture-server';
import { serveFolder } from '../support/static-server';

// Text an attacker controls (a feed, or the page itself), everywhere DocDelta shows text.
const TRAP = "window.__pwned='x'";
const hostile = [
  `<img src="http://attacker.example/img.png" onerror="${TRAP}">`,
  `<script>${TRAP}</script>`,
  `<svg onload="${TRAP}"></svg>`,
  `javascript:${TRAP}`,
  `</style><img src="http://attacker.example/style.png">`,
  '\u202Egnp.exe\u202C bidi',
  'W'.repeat(5000),
];
const PAGE = 'api-guide/hostile';
const url = `http://www.django-rest-framework.org/${PAGE}/`;
const intro = 'DocDelta renders every string below as text, however it looks, wherever it comes from.';

// The older version (a feed's markdown) carries the hostile strings as text and as raw HTML.
const olderMarkdown = [
  '# Hostile', '', intro, '',
  ...hostile.map((text) => `- \`${text}\``), '',
  ...hostile.slice(0, 3), '',
  'The end of the page.',
].join('\n');
const newerMarkdown = ['# Hostile', '', intro, '', 'The end of the page.'].join('\n');
// The live page, as the site renders the newer version; its title is hostile too.
const livePage = `<!doctype html><html><head><title>&lt;img src=x onerror="${TRAP}"&gt;</title></head><body>
<div id="main-content"><article class="md-content__inner"><h1>Hostile</h1><p>${intro}</p><p>The end of the page.</p></article></div></body></html>`;

describe('hostile text is only ever text (Chromium)', () => {
  let docs: FixtureServer;
  let feed: Awaited<ReturnType<typeof serveFolder>>;
  let browser: ExtensionBrowser;
  let tab: Page;

  /** What an extension page or the page holds that text could have become. */
  const inspect = (page: Page) => page.evaluate(() => {
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

  beforeAll(async () => {
    const snapshots = mkdtempSync(join(tmpdir(), 'docdelta-hostile-'));
    mkdirSync(join(snapshots, PAGE.replace('/', '__')));
    writeFileSync(join(snapshots, PAGE.replace('/', '__'), '20260101T000000Z.md'), olderMarkdown);
    writeFileSync(join(snapshots, PAGE.replace('/', '__'), '20260201T000000Z.md'), newerMarkdown);
    const out = mkdtempSync(join(tmpdir(), 'docdelta-hostile-feed-'));
    await buildFeed(snapshotVersions(snapshots, 'https://www.django-rest-framework.org/{path}/'), { out: join(out, 'feed'), title: hostile[0]! });
    feed = await serveFolder(out);
    docs = await new FixtureServer().start();
    docs.pages.set(`/${PAGE}/`, livePage);
    browser = await launchChromium({ port: docs.port, hosts: ['www.django-rest-framework.org', 'attacker.example'] });
    await setSiteFeed(browser.worker, 'django-rest-framework', `${feed.url}/feed/index.json`);
    tab = await browser.context.newPage();
    await tab.goto(url);
    await tab.waitForSelector('docdelta-removed', { state: 'attached', timeout: 20_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
    await feed?.close();
  });

  test('removed hostile text shows on the page as struck-through text: no element, no script, no request', async () => {
    const seen = await inspect(tab);
    expect(seen.pwned).toBeNull();
    expect(seen.images + seen.inlineScripts + seen.handlers).toBe(0);
    expect(seen.text).toContain('<img src="http://attacker.example/img.png"');
    expect(seen.text).toContain('<script>');
  });

  test('the popup, the changes page and the options page show it as text too', async () => {
    const popup = await openPopupAsPage(browser, tab);
    await popup.locator('.timeline li').first().waitFor();
    const changes = await browser.context.newPage();
    await changes.goto(`chrome-extension://${browser.extensionId}/changes.html`);
    await changes.locator('.page').first().getByRole('button', { name: 'Details' }).click();
    await changes.locator('.diff').first().waitFor();
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('.site').first().waitFor();
    for (const page of [popup, changes, options]) {
      const seen = await inspect(page);
      expect(seen.pwned, page.url()).toBeNull();
      expect(seen.images + seen.inlineScripts + seen.handlers, page.url()).toBe(0);
    }
    // The page's hostile title is a title, as text.
    expect((await inspect(changes)).text).toContain(`<img src=x onerror="${TRAP}">`);
  });

  test('nothing ever asked the attacker\'s host for anything', () => {
    expect(docs.requests.filter((r) => r.host.startsWith('attacker.example'))).toEqual([]);
  });
});
