import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ExtensionBrowser } from '../../harness/chromium';
import { openPopupAsPage, setSiteFeed } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { hostileLivePage, hostilePageUrl, inspectForMarkup, serveHostileFeed, TRAP } from '../support/hostile';
import { serveFolder } from '../../harness/static-server';

// Text an attacker controls (a feed, or the page itself), everywhere DocDelta shows text.
describe('hostile text is only ever text (Chromium)', () => {
  let docs: FixtureServer;
  let feed: Awaited<ReturnType<typeof serveFolder>>;
  let browser: ExtensionBrowser;
  let tab: Page;

  const inspect = inspectForMarkup;

  beforeAll(async () => {
    feed = await serveHostileFeed();
    docs = await new FixtureServer().start();
    docs.pages.set(new URL(hostilePageUrl).pathname, hostileLivePage);
    browser = await launchChromium({ port: docs.port, hosts: ['www.django-rest-framework.org', 'attacker.example'] });
    await setSiteFeed(browser.worker, 'django-rest-framework', `${feed.url}/feed/index.json`);
    tab = await browser.context.newPage();
    await tab.goto(hostilePageUrl);
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
