import { describe, expect, test } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import { AccessNotGrantedError, createAccessGrants } from '../../lib/background/access-grants';

/** A browser whose prompt the test answers: `grant` adds origins and fires onAdded, as the browser does on "Allow". */
function promptingBrowser(granted: string[] = []) {
  const listeners: Array<() => void> = [];
  const browser = {
    permissions: {
      contains: async ({ origins }: { origins: string[] }) => origins.every((origin) => granted.includes(origin)),
      onAdded: { addListener: (listener: () => void) => listeners.push(listener) },
    },
  } as unknown as WxtBrowser;
  return { browser, grant: (...origins: string[]) => { granted.push(...origins); for (const listener of listeners) listener(); } };
}

const ARCHIVE = { origins: ['https://web.archive.org/*'] };
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('work a click asked for, waiting on the browser\'s prompt in the background', () => {
  test('runs once the reader allows it, whether or not the page that asked is still there', async () => {
    const { browser, grant } = promptingBrowser();
    const grants = createAccessGrants(browser);
    let done = 0;
    const work = grants.afterGrant(ARCHIVE, async () => ++done);
    await settle();
    expect(done).toBe(0);
    expect(grants.busy()).toBe(true);
    grant('https://web.archive.org/*');
    expect(await work).toBe(1);
    expect(grants.busy()).toBe(false);
  });

  test('runs at once when the hosts are already granted (no prompt, no onAdded)', async () => {
    const { browser } = promptingBrowser(['https://web.archive.org/*']);
    expect(await createAccessGrants(browser).afterGrant(ARCHIVE, async () => 'asked')).toBe('asked');
  });

  test('a grant of other hosts does not start it', async () => {
    const { browser, grant } = promptingBrowser();
    const grants = createAccessGrants(browser);
    let done = false;
    void grants.afterGrant(ARCHIVE, async () => (done = true)).catch(() => undefined);
    grant('https://docs.example.org/*');
    await settle();
    expect(done).toBe(false);
    grants.refused(ARCHIVE.origins);
  });

  test('a refusal, or no answer in time, drops it with a plain error: nothing runs', async () => {
    const { browser } = promptingBrowser();
    const grants = createAccessGrants(browser, 30);
    let ran = false;
    const refused = grants.afterGrant(ARCHIVE, async () => (ran = true));
    await settle();
    grants.refused(ARCHIVE.origins);
    await expect(refused).rejects.toThrow(AccessNotGrantedError);
    await expect(grants.afterGrant(ARCHIVE, async () => (ran = true))).rejects.toThrow('The browser did not allow DocDelta to reach those hosts; nothing was sent.');
    expect(ran).toBe(false);
    expect(grants.busy()).toBe(false);
  });
});
