import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../../harness/chromium';
import { corpusBackup } from '../support/corpus-backup';
import { timelineOf, type ExtensionContext } from '../../harness/extension-state';
import { evaluatorOf, launchFirefox } from '../../harness/firefox';
import { FixtureServer } from '../../harness/fixture-server';

// A reader moves their whole history to a new browser: the real DRF corpus, every version of its
// seven pages (287 versions), imported from the options page. Firefox stops an event page that keeps
// a message waiting too long, and the import once waited for every version's words to be counted:
// the file was refused with "Receiving end does not exist". One scenario, both browsers.
const backup = corpusBackup(0);
const versionsIn = backup.pages.reduce((n, page) => n + page.versions.length, 0);

interface Opened {
  /** The options page. */
  options: ExtensionContext;
  /** Where the background's console API answers (Chromium's service worker; Firefox's options page reaches its event page). */
  background: ExtensionContext;
  close: () => Promise<void>;
}

const browsers: Record<string, (port: number) => Promise<Opened>> = {
  chromium: async (port) => {
    const browser = await launchChromium({ port, hosts: ['www.django-rest-framework.org'] });
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    return { options: { evaluate: (fn, arg) => page.evaluate(fn as never, arg as never) as never }, background: browser.worker as unknown as ExtensionContext, close: () => browser.close() };
  },
  firefox: async (port) => {
    const firefox = await launchFirefox({ proxyPort: port });
    const options = evaluatorOf(await firefox.openExtensionPage('options.html'));
    return { options, background: options, close: () => firefox.close() };
  },
};

declare const chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } };

describe.each(Object.keys(browsers))('importing a whole history in %s', (name) => {
  let docs: FixtureServer;
  let opened: Opened;

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    opened = await browsers[name]!(docs.port);
  });

  afterAll(async () => {
    await opened?.close();
    await docs?.stop();
  });

  test('the file is answered with every version added, and importing it again adds none (they landed)', async () => {
    const importIt = async () =>
      (await opened.options.evaluate((text) => chrome.runtime.sendMessage({ type: 'import', payload: { text } }), JSON.stringify(backup))) as { ok: boolean; value?: { versionsAdded: number }; error?: string };
    expect(await importIt()).toMatchObject({ ok: true, value: { versionsAdded: versionsIn } });
    expect(await importIt()).toMatchObject({ ok: true, value: { versionsAdded: 0 } });
    // The newest text of a page is there to compare with: its timeline lists all its versions.
    const smallest = backup.pages.reduce((a, b) => (a.versions.length <= b.versions.length ? a : b));
    expect(await timelineOf(opened.background, smallest.url)).toHaveLength(smallest.versions.length);
  }, 600_000);
});
