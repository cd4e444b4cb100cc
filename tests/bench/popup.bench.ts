import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import type { Backup } from '../../lib/backup/backup-schema';
import { chromeE2eBuild, launchChromium, projectRoot, type ExtensionBrowser } from '../../harness/chromium';
import { loadCorpus, readHtml } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';
import { tabIdOf, visitAndSettle } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { ms, msSpread, printTable, ratio, spread } from './report';

// `npm run bench`: how fast the popup shows a page with 200 stored versions, against a bare
// extension page that paints one line (how soon any extension page can show something here),
// a page whose one small script asks the background about the tab and paints one line (how
// soon any page that shows the background's answer can) and the same popup showing an
// untracked tab, all measured in the same run, opens interleaved.
const VERSIONS = 200;
/** Opens of each page; enough that two runs' medians agree within 10% on this machine. */
const OPENS = 15;
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
  // The e2e build: the product plus the bare baseline page (wxt.config.ts).
  browser = await launchChromium({ port: docs.port, hosts: ['www.django-rest-framework.org', 'example.org'], extension: chromeE2eBuild });
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.evaluate((text) => chrome.runtime.sendMessage({ type: 'import', payload: { text } }), JSON.stringify(history()));
  // Measure once the imported history is packed and its timelines counted, as after any import.
  await browser.worker.evaluate(() => (globalThis as unknown as { docdelta: { optionsWorkDone: () => Promise<void> } }).docdelta.optionsWorkDone());
  await options.close();
});

afterAll(async () => {
  await browser?.close();
  await docs?.stop();
});

declare const chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } };

/** What the popup page records about itself (see `watchPopup`). */
interface PopupTimes { content?: number; whole?: number; shift: number }

/**
 * Runs in the popup before its own scripts: stamps the frame in which its content first
 * shows (the summary and first versions, or the untracked message) and the frame in which
 * the whole timeline does, so the harness's own round trips are not counted.
 */
function watchPopup(versions: number) {
  const times: PopupTimes = { shift: 0 };
  (window as unknown as { popupTimes: PopupTimes }).popupTimes = times;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) times.shift += (entry as unknown as { value: number }).value;
  }).observe({ type: 'layout-shift', buffered: true });
  // The time a frame starts, for a change made before it: when the reader can first see it.
  const atNextFrame = (field: 'content' | 'whole') => requestAnimationFrame((frameStart) => (times[field] ??= frameStart));
  new MutationObserver(() => {
    const rows = document.querySelectorAll('.timeline li').length;
    const untracked = !!document.querySelector('main .message')?.textContent?.includes('does not track');
    // A baseline page's one line.
    const bare = /\/bench-(baseline|question)\.html$/.test(location.pathname) && !!document.querySelector('p');
    if (times.content === undefined && ((document.querySelector('.summary') && rows > 0) || untracked || bare)) atNextFrame('content');
    if (times.whole === undefined && (rows >= versions || untracked || bare)) atNextFrame('whole');
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

/** Opens the popup (or a baseline page) for a tab, or the bare baseline page; its times are in ms since its navigation began. */
async function openPopup(tabId: number | null, path = 'popup.html') {
  const popup = await browser.context.newPage();
  await popup.addInitScript(watchPopup, VERSIONS);
  await popup.goto(`chrome-extension://${browser.extensionId}/${tabId === null ? 'bench-baseline.html' : `${path}?tab=${tabId}`}`, { waitUntil: 'commit' });
  // A function, not a string: extension pages forbid eval.
  await popup.waitForFunction(() => (window as unknown as { popupTimes?: PopupTimes }).popupTimes?.whole !== undefined, undefined, { timeout: 30_000 });
  const result = await popup.evaluate(() => ({
    ...(window as unknown as { popupTimes: Required<PopupTimes> }).popupTimes,
    loaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
    marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
  }));
  await popup.close();
  return { ...result, script: result.marks['docdelta:script'] ?? NaN, answered: result.marks['docdelta:answered'] ?? NaN };
}

test('popup with 200 stored versions, against the popup of an untracked tab', async () => {
  const tab = await browser.context.newPage();
  docs.pages.set(new URL(url).pathname, readHtml(page.versions.at(-1)!));
  await visitAndSettle(browser.worker, tab, url);
  const tabId = await tabIdOf(browser.worker, tab);
  const other = await browser.context.newPage();
  await other.goto('http://example.org/elsewhere/');
  const otherId = await tabIdOf(browser.worker, other);

  const first = await openPopup(tabId);
  const runs: Awaited<ReturnType<typeof openPopup>>[] = [];
  const untracked = [];
  const bare = [];
  const question = [];
  for (let i = 0; i < OPENS; i++) {
    bare.push(await openPopup(null));
    question.push(await openPopup(tabId, 'bench-question.html'));
    runs.push(await openPopup(tabId));
    untracked.push(await openPopup(otherId));
  }
  const of = (list: typeof runs, field: 'content' | 'whole' | 'loaded' | 'script' | 'answered') => spread(list.map((run) => run[field]));
  const result = {
    versions: VERSIONS, opens: OPENS, pageLoadedMs: of(runs, 'loaded'), scriptStartedMs: of(runs, 'script'), answeredMs: of(runs, 'answered'),
    contentShownMs: of(runs, 'content'), wholeTimelineMs: of(runs, 'whole'), firstOpenContentMs: first.content, firstOpenWholeMs: first.whole,
    untrackedContentShownMs: of(untracked, 'content'), bareContentShownMs: of(bare, 'content'), questionContentShownMs: of(question, 'content'), bareLoadedMs: of(bare, 'loaded'),
    maxLayoutShift: Math.max(first.shift, ...runs.map((run) => run.shift)),
  };
  mkdirSync(join(projectRoot, 'bench-results'), { recursive: true });
  writeFileSync(join(projectRoot, 'bench-results/popup.json'), JSON.stringify(result, null, 2));
  printTable(`Popup for a page with ${VERSIONS} stored versions (Chromium; ms since the page's navigation began; median (min–max) of ${OPENS} opens each, interleaved)`, [
    { figure: 'baseline: a bare extension page painting one line, shown (frame)', value: msSpread(result.bareContentShownMs) },
    { figure: 'the popup page loaded (DOMContentLoaded)', value: msSpread(result.pageLoadedMs) },
    { figure: 'its script started', value: msSpread(result.scriptStartedMs) },
    { figure: 'the background\'s answer arrived', value: msSpread(result.answeredMs) },
    { figure: 'content shown: summary and the first versions (frame)', value: msSpread(result.contentShownMs), target: '≤ 100 ms' },
    { figure: 'baseline: a page whose one small script asks the background about the tab, shown (frame)', value: msSpread(result.questionContentShownMs) },
    { figure: 'content shown / the bare page shown (medians)', value: ratio(result.contentShownMs.median / result.bareContentShownMs.median) },
    { figure: 'content shown / the page asking the background shown (medians)', value: ratio(result.contentShownMs.median / result.questionContentShownMs.median), target: '≤ 1.2×' },
    { figure: 'content shown / the untracked tab\'s popup message (medians)', value: ratio(result.contentShownMs.median / result.untrackedContentShownMs.median) },
    { figure: 'whole timeline shown', value: msSpread(result.wholeTimelineMs) },
    { figure: 'first open: content, whole timeline', value: `${ms(first.content)}, ${ms(first.whole)}` },
    { figure: 'layout shift while data arrives (max)', value: result.maxLayoutShift.toFixed(3), target: '0' },
  ]);
});
