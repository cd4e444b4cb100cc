import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import { ageViews, lastViewAt, type ExtensionContext } from '../../harness/extension-state';
import { firefoxExtensionOrigin } from '../../harness/firefox';
import { FixtureServer } from '../../harness/fixture-server';
import { launchFirefoxOverMarionette, pressShortcut, type MarionetteFirefox } from '../../harness/marionette';
import { probeOverlay } from '../support/page-probe';
import { until } from '../../harness/until';
import { overlayText, type MarionetteTab } from '../../harness/closed-shadow';

// DocDelta's keyboard shortcuts in Firefox ESR, run as the browser runs them: the key elements
// Firefox made for the extension's commands, in the browser window. Key presses sent to a page
// never reach those, and Firefox 140's WebDriver BiDi cannot reach the browser window, so this
// drives Firefox over Marionette.
const corpusPage = loadCorpus().find((p) => p.slug === 'api-guide__permissions')!;
const pair = pairWithChanges(corpusPage, 3);
const url = corpusPage.url.replace(/^https:/, 'http:');

describe('the keyboard commands in Firefox', () => {
  let docs: FixtureServer;
  let firefox: MarionetteFirefox;
  let optionsTab: string;
  let readerTab: string;
  let extension: ExtensionContext;
  let reader: MarionetteTab;

  const shown = () => overlayText(reader, '.count');
  const highlighted = async () => (await probeOverlay(reader)).highlighted.length;

  const press = (command: Parameters<typeof pressShortcut>[2]) => pressShortcut(firefox, readerTab, command);

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    firefox = await launchFirefoxOverMarionette({ proxyPort: docs.port });
    optionsTab = await firefox.openTab(`${firefoxExtensionOrigin}/options.html`);
    // Without selecting its tab: the reader's tab stays in front (and an open popup stays open).
    extension = { evaluate: async (fn, arg) => (await firefox.switchTo(optionsTab, false), firefox.evaluate(fn, arg)) };
    reader = {
      evaluate: async (fn, arg) => (await firefox.switchTo(readerTab), firefox.evaluate(fn, arg)),
      callInShadowRoots: async (tag, declaration, argText) => (await firefox.switchTo(readerTab), firefox.callInShadowRoots(tag, declaration, argText)),
    };
    docs.pages.set(new URL(url).pathname, readHtml(pair.before));
    let before = Date.now();
    readerTab = await firefox.openTab(url);
    await until(async () => (await lastViewAt(extension)) >= before, 'the first visit');
    await ageViews(extension, 2 * 24 * 3600e3);
    docs.pages.set(new URL(url).pathname, readHtml(pair.after));
    before = Date.now();
    await firefox.switchTo(readerTab);
    await firefox.navigate(url);
    await until(async () => (await lastViewAt(extension)) >= before, 'the second visit');
    await until(async () => (await shown()) === `${pair.changes} change${pair.changes === 1 ? '' : 's'}`, 'the overlay');
  });

  afterAll(async () => {
    await firefox?.close();
    await docs?.stop();
  });

  test('next and previous step through the changes, as the navigator counts them', async () => {
    await press('next-change');
    await expect.poll(shown).toBe(`1 of ${pair.changes}`);
    await press('next-change');
    await expect.poll(shown).toBe(`2 of ${pair.changes}`);
    await press('previous-change');
    await expect.poll(shown).toBe(`1 of ${pair.changes}`);
  });

  test('the toggle turns the highlights off and on again', async () => {
    expect(await highlighted()).toBeGreaterThan(0);
    await press('toggle-highlights');
    await expect.poll(highlighted).toBe(0);
    await press('toggle-highlights');
    await expect.poll(highlighted).toBeGreaterThan(0);
  });
});
