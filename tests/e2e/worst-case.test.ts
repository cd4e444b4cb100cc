import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ExtensionBrowser } from '../support/browsers';
import { visitAndSettle } from '../support/extension-state';
import { FixtureServer } from '../support/fixture-server';
import { hugePage } from '../support/huge-page';
import { overlayText } from '../support/closed-shadow';

const url = 'http://www.django-rest-framework.org/api-guide/huge/';

describe('a page rewritten from top to bottom (Chromium)', () => {
  let docs: FixtureServer;
  let browser: ExtensionBrowser;
  let tab: Page;

  beforeAll(async () => {
    docs = await new FixtureServer().start();
    browser = await launchChromium({ port: docs.port, hosts: ['www.django-rest-framework.org'] });
    tab = await browser.context.newPage();
    docs.pages.set(new URL(url).pathname, hugePage('old'));
    await visitAndSettle(browser.worker, tab, url);
  });

  afterAll(async () => {
    await browser?.close();
    await docs?.stop();
  });

  test('two completely different 1 MB versions: a summary, not thousands of marks', async () => {
    docs.pages.set(new URL(url).pathname, hugePage('new'));
    await tab.goto(url, { waitUntil: 'load' });
    // From here on (the page's own loading is not DocDelta's), every long task is recorded.
    await tab.evaluate(() => {
      const record: number[] = [];
      (window as unknown as { longTasks: number[] }).longTasks = record;
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => record.push(entry.duration))).observe({ type: 'longtask' });
    });
    const count = () => overlayText(tab, '.count');
    await expect.poll(count, { timeout: 60_000 }).toBe('Too many changes to show inline');
    expect(await tab.evaluate(() => document.querySelectorAll('docdelta-removed').length)).toBe(0);
    expect(await tab.evaluate(() => CSS.highlights.get('docdelta-added')?.size ?? 0)).toBe(0);
    const summary = await overlayText(tab, '.section');
    expect(summary).toMatch(/^\+\d+ −\d+ words since your visit of/);
    // How long its tasks take is measured by `npm run bench` (timings do not belong in tests); printed here.
    const longTasks = await tab.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    console.log('long tasks after load (ms)', JSON.stringify(longTasks.map((d) => Math.round(d))));
  });
});
