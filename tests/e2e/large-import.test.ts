import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { timelineOf } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, type Harness } from '../../harness/harness';
import { corpusBackup } from '../support/corpus-backup';
import { scenario } from '../support/scenario';

// A reader moves their whole history to a new browser: the real DRF corpus, every version of its
// seven pages (287 versions), imported from the options page. Firefox stops an event page that keeps
// a message waiting too long, and the import once waited for every version's words to be counted:
// the file was refused with "Receiving end does not exist".
const backup = corpusBackup(0);
const versionsIn = backup.pages.reduce((n, page) => n + page.versions.length, 0);

describe('importing a whole history', () => {
  let docs: FixtureServer;
  let browser: Harness;

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    browser = await launchHarness(scenario.browser, { port: docs.port, hosts: ['www.django-rest-framework.org'] });
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
  });

  test('the file is answered with every version added, and importing it again adds none (they landed)', async () => {
    const importIt = () => browser.message({ type: 'import', payload: { text: JSON.stringify(backup) } });
    expect(await importIt()).toMatchObject({ ok: true, value: { versionsAdded: versionsIn } });
    expect(await importIt()).toMatchObject({ ok: true, value: { versionsAdded: 0 } });
    // The newest text of a page is there to compare with: its timeline lists all its versions.
    const smallest = backup.pages.reduce((a, b) => (a.versions.length <= b.versions.length ? a : b));
    expect(await timelineOf(browser.extension, smallest.url)).toHaveLength(smallest.versions.length);
  });
});
