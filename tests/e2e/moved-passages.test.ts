import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, scenarioBrowser, type Harness } from '../../harness/harness';
import { inLayer, overlayText } from '../../harness/layer-reader';
import { loadCorpus, readHtml } from '../support/corpus';
import { probeOverlay } from '../support/page-probe';
import { words } from '../support/word-accuracy';

// A real reorganisation: between these two deploys of Django REST framework's authentication
// guide, the django-rest-knox section moved from the top of the third-party packages to
// further down. The reader sees it once, as moved (with where it came from), not as the same
// 80 words removed in one place and added in another.
const page = loadCorpus().find((p) => p.slug === 'api-guide__authentication')!;
const before = page.versions.find((v) => v.stem === '20210910T134521Z_dee977cf')!;
const after = page.versions.find((v) => v.stem === '20220526T101924Z_839cc86a')!;
const url = page.url.replace(/^https:/, 'http:');
const KNOX = 'Django-rest-knox library provides models and views to handle token-based authentication';

describe('a section that moved', () => {
  let server: FixtureServer;
  let browser: Harness;

  beforeAll(async () => {
    server = await new FixtureServer().start();
    browser = await launchHarness(scenarioBrowser(), { port: server.port, hosts: ['www.django-rest-framework.org'] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('is shown as moved where it now stands, with a tag where it left, and counted once', async () => {
    const tab = await browser.newTab();
    server.pages.set(new URL(url).pathname, readHtml(before));
    expect(await browser.visit(tab, url)).toBe('');
    server.pages.set(new URL(url).pathname, readHtml(after));
    const badge = await browser.visit(tab, url);
    const seen = await probeOverlay(tab.page);

    // Its words are drawn as moved, and none of them as added or removed.
    const knox = words(KNOX);
    expect(seen.moved.join(' ')).toContain(knox.join(' '));
    expect(seen.highlighted.join(' ')).not.toContain(knox.slice(0, 6).join(' '));
    expect(seen.ghostRemoved.join(' ')).not.toContain(knox.slice(0, 6).join(' '));
    expect(seen.movedAway).toHaveLength(1);
    expect(seen.movedAway[0]).toMatch(/^Moved (down ↓|up ↑)/);

    // One change among the page's others: the badge, the navigator and the changes agree.
    expect(Number(badge)).toBeGreaterThan(1);
    expect(await overlayText(tab.page, '.count')).toContain(badge);
    // The map marks it in the moved colour; the popup counts its words once, as moved.
    expect(await inLayer(tab.page, 'panel', () => document.querySelectorAll('.map .marker.moved').length)).toBe(1);
    const popup = await browser.openPopup(tab);
    await expect.poll(() => popup.evaluate(() => document.querySelector('.summary')?.textContent ?? '')).toMatch(new RegExp(`^\\+\\d+ −\\d+ words and \\d+ moved, in ${badge} places since your last visit`));
    await popup.close();
    await tab.close();
  });
});
