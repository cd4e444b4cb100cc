import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import type { Backup } from '../../lib/backup/backup-schema';
import { launchChromium, projectRoot, type ExtensionBrowser } from '../support/browsers';
import { loadCorpus, readHtml } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';
import { tabIdOf, visitAndSettle } from '../support/extension-state';
import { FixtureServer } from '../support/fixture-server';
import { median, ms, printTable, ratio } from './report';

// `npm run bench`: how fast the popup shows a page with 200 stored versions, against the
// same popup showing an untracked tab (its own load, measured in the same run).
const VERSIONS = 200;
const page = loadCorpus().find((p) => p.slug === 'api-guide__fields')!;
const url = page.url.replace(/^https:/, 'http:');
let docs: FixtureServer;
let browser: ExtensionBrowser;

/** A backup holding 200 distinct versions of one real page, a day apart, the newest seen last. */
function history(): Backup {
  const table: Backup['pages'][number]['blocks'] = [];
  const index = new Map<string, number>();
  const versions = Array.from({ length: VERSIONS }, (_, i) => {
    const blocks = [...corpusBlocks(page, page.versions[i % page.versions.length]!), { kind: 'paragraph' as const, level: 0, text: `Revision note ${i}.` }];
    return {
      capturedAt: Date.UTC(2025, 0, 1) + i * 864e5,
      source: 'visit' as const,
      blocks: blocks.map((b) => {
        const key = `${b.kind}|${b.level}|${b.text}`;
        if (!index.has(key)) index.set(key, table.push([b.kind, b.level, b.text]) - 1);
        return index.get(key)!;
      }),
    };
  });
  const last = versions.at(-1)!.capturedAt;
  return {
    format: 'docdelta-backup', version: 1, exportedAt: Date.now(),
    pages: [{ key: 'www.django-rest-framework.org/api-guide/fields', url, title: 'Serializer fields', siteId: 'django-rest-framework', blocks: table, versions, views: [{ version: VERSIONS - 2, first: last - 864e5, last: last - 864e5 }, { version: VERSIONS - 1, first: last, last }] }],
    feeds: [], settings: [],
  };
}

beforeAll(async () => {
  docs = await new FixtureServer().start();
  docs.pages.set('/elsewhere/', '<html><body><p>Not a docs page.</p></body></html>');
  browser = await launchChromium({ port: docs.port, hosts: ['www.django-rest-framework.org', 'example.org'] });
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.evaluate((text) => chrome.runtime.sendMessage({ type: 'import', payload: { text } }), JSON.stringify(history()));
  await options.close();
});

afterAll(async () => {
  await browser?.close();
  await docs?.stop();
});

declare const chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } };

/** Opens the popup for a tab and returns when `ready` holds, in ms since its navigation began, and its layout shift. */
async function openPopup(tabId: number, ready: (versions: number) => boolean) {
  const popup = await browser.context.newPage();
  await popup.addInitScript(() => {
    (window as unknown as { shift: number }).shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) (window as unknown as { shift: number }).shift += (entry as unknown as { value: number }).value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`, { waitUntil: 'commit' });
  // A function, not a string: extension pages forbid eval.
  // Its content: the summary and the first screenful of versions (or the untracked message).
  await popup.waitForFunction(() => (!!document.querySelector('.summary') && !!document.querySelector('.timeline li')) || !!document.querySelector('main .message')?.textContent?.includes('does not track'), undefined, { polling: 'raf', timeout: 30_000 });
  const firstContent = await popup.evaluate(() => performance.now());
  await popup.waitForFunction(ready, VERSIONS, { polling: 'raf', timeout: 30_000 });
  const { at, shift, loaded } = await popup.evaluate(() => ({
    at: performance.now(),
    shift: (window as unknown as { shift: number }).shift,
    loaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
  }));
  await popup.close();
  return { at, shift, loaded, firstContent };
}

test('popup with 200 stored versions, against the popup of an untracked tab', async () => {
  const tab = await browser.context.newPage();
  docs.pages.set(new URL(url).pathname, readHtml(page.versions.at(-1)!));
  await visitAndSettle(browser.worker, tab, url);
  const tabId = await tabIdOf(browser.worker, tab);
  const other = await browser.context.newPage();
  await other.goto('http://example.org/elsewhere/');
  const otherId = await tabIdOf(browser.worker, other);

  // How long the background takes to list the timeline, against a bare read of the page's version records.
  const backgroundMs = await browser.worker.evaluate(async (pageUrl) => {
    const api = (globalThis as unknown as { docdelta: { timeline: (url: string) => Promise<unknown[]> } }).docdelta;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await api.timeline(pageUrl);
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[2]!;
  }, url);
  console.log('timeline in the background', backgroundMs.toFixed(1), 'ms');
  const fullTimeline = (versions: number) => document.querySelectorAll('.timeline li').length >= versions;
  const first = await openPopup(tabId, fullTimeline);
  const tracked = [];
  const summaries = [];
  const loads = [];
  const untracked = [];
  const shifts = [first.shift];
  for (let i = 0; i < 7; i++) {
    const run = await openPopup(tabId, fullTimeline);
    tracked.push(run.at);
    summaries.push(run.firstContent);
    loads.push(run.loaded);
    shifts.push(run.shift);
    untracked.push((await openPopup(otherId, () => document.querySelector('main .message')?.textContent?.includes('does not track') ?? false)).at);
  }
  const result = {
    versions: VERSIONS, firstOpenMs: first.at, medianMs: median(tracked), contentShownMs: median(summaries), pageLoadedMs: median(loads),
    untrackedMs: median(untracked), maxLayoutShift: Math.max(...shifts),
  };
  mkdirSync(join(projectRoot, 'bench-results'), { recursive: true });
  writeFileSync(join(projectRoot, 'bench-results/popup.json'), JSON.stringify(result, null, 2));
  printTable(`Popup for a page with ${VERSIONS} stored versions (Chromium, from navigation to the whole timeline drawn)`, [
    { figure: 'the popup page itself loaded (DOMContentLoaded)', value: ms(median(loads)) },
    { figure: 'content shown: summary and the first versions (median of 7)', value: ms(median(summaries)), target: '≤ 100 ms' },
    { figure: 'first open, whole timeline', value: ms(first.at) },
    { figure: 'later opens, whole timeline (median of 7)', value: ms(median(tracked)) },
    { figure: 'later opens / untracked tab\'s popup', value: ratio(median(tracked) / median(untracked)) },
    { figure: 'layout shift while data arrives (max)', value: result.maxLayoutShift.toFixed(3), target: '0' },
  ]);
});
