import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { chromeE2eBuild, launchChromium, type ExtensionBrowser } from '../../harness/chromium';
import { lastViewAt, openPopupAsPage, visitAndSettle } from '../../harness/extension-state';
import { until } from '../../harness/until';
import { divsOnlyPage } from '../support/divs-only';
import { FixtureServer } from '../../harness/fixture-server';
import { UNKNOWN_HOST } from '../support/unknown-site';

// A site the reader added whose pages DocDelta cannot find the article in: the popup says so
// and asks where it is; with the reader's selector the page is read again, and from then on
// changes show. The e2e build holds the host's permission (see track-site.test.ts).
const url = `http://${UNKNOWN_HOST}/guide/setup/`;

describe('telling DocDelta where the article is (Chromium)', () => {
  let docs: FixtureServer;
  let browser: ExtensionBrowser;
  let tab: Page;

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    docs.pages.set('/guide/setup/', divsOnlyPage(['Create a project', 'Copy the key']));
    browser = await launchChromium({ port: docs.port, hosts: [UNKNOWN_HOST], extension: chromeE2eBuild });
    tab = await browser.context.newPage();
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByLabel(/^Site address or pattern/).fill(`http://${UNKNOWN_HOST}/*`);
    await options.getByRole('button', { name: 'Add site' }).click();
    await until(async () => (await options.getByRole('status').textContent()) === `${UNKNOWN_HOST} is tracked from now on.`, 'the site added');
    await options.close();
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
  });

  test('a page with nothing like an article: the popup says so, and nothing is stored', async () => {
    await tab.goto(url);
    const popup = await openPopupAsPage(browser, tab);
    await expect.poll(() => popup.locator('main .message').textContent(), { timeout: 20_000 }).toMatch(/found no article on this page/);
    expect(await popup.getByRole('textbox', { name: /Where is the article\?/ }).inputValue()).toBe('');
    expect(await lastViewAt(browser.worker)).toBe(0);
    await popup.close();
  });

  test('a selector that is not CSS is refused in plain words and nothing changes', async () => {
    const popup = await openPopupAsPage(browser, tab);
    await popup.getByRole('textbox', { name: /Where is the article\?/ }).fill('div[[');
    await popup.getByRole('button', { name: 'Read the page with it' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain('"div[[" is not a CSS selector');
    expect(await lastViewAt(browser.worker)).toBe(0);
    await popup.close();
  });

  test('with the reader\'s selector the page is read at once, and its next change shows', async () => {
    const popup = await openPopupAsPage(browser, tab);
    await popup.getByRole('textbox', { name: /Where is the article\?/ }).fill('.doc-body');
    await popup.getByRole('button', { name: 'Read the page with it' }).click();
    await expect.poll(() => popup.locator('.summary').textContent(), { timeout: 20_000 }).toMatch(/^First visit/);
    expect(await lastViewAt(browser.worker)).toBeGreaterThan(0);
    await popup.close();

    docs.pages.set('/guide/setup/', divsOnlyPage(['Create a project', 'Copy the key', 'Enable billing for the project']));
    expect(await visitAndSettle(browser.worker, tab, url)).toBe('1');
    const highlighted = await tab.evaluate(() => [...(CSS.highlights.get('docdelta-added') ?? [])].map((r) => (r as Range).toString()).join(' '));
    expect(highlighted).toBe('Enable billing for the project');

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => options.getByText('article: .doc-body').count()).toBe(1);
    await options.close();
  });
});
