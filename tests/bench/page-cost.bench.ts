import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { afterAll, beforeAll, test } from 'vitest';
import { chromiumPath, hostResolverRules, launchChromium, projectRoot, type ExtensionBrowser } from '../../harness/chromium';
import { loadCorpus, readHtml } from '../support/corpus';
import { pairWithChanges } from '../support/corpus-pairs';
import { ageViews, lastAnswerAt, visitAndSettle } from '../../harness/extension-state';
import { until } from '../../harness/until';
import { ReactDocsServer } from '../support/react-docs-server';
import { median, ms, msSpread, printTable, ratio, spread } from './report';

// `npm run bench`: what a page costs with DocDelta against the same page in the same
// Chromium without it: the main thread's busy time while it loads and is read (the renderer's
// own task-time counter, which DocDelta's content script adds to), long tasks and total blocking
// time, heap growth over 50 client-side navigations, and how often DocDelta's
// MutationObserver is called while a React app re-renders every 200 ms. Loads alternate with
// and without DocDelta, RUNS times each; figures are median (min–max).
const HOST = 'www.django-rest-framework.org';
const corpus = loadCorpus();
// The largest page of the corpus, at the pair of versions with the most changes.
const largest = corpus
  .map((page) => ({ page, bytes: readHtml(page.versions.at(-1)!).length }))
  .sort((a, b) => b.bytes - a.bytes)[0]!.page;
const pair = pairWithChanges(largest, 5);
const corpusPath = new URL(largest.url).pathname;
const WINDOW_MS = 6000;
const NAVIGATIONS = 50;
/** Loads of each page with and without DocDelta; total blocking time is a threshold sum, so it takes many. */
const RUNS = 9;

let server: ReactDocsServer;
let withDocDelta: ExtensionBrowser;
let plain: Browser;
let plainContext: BrowserContext;

/** Long tasks of the page's main thread, from its navigation on (installed before any script). */
function watchLongTasks() {
  const tasks: Array<{ start: number; duration: number }> = [];
  (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

async function blocking(page: Page) {
  const tasks = await page.evaluate((window) => (globalThis as unknown as { longTasks: Array<{ start: number; duration: number }> }).longTasks.filter((t) => t.start < window), WINDOW_MS);
  return { count: tasks.length, longest: Math.max(0, ...tasks.map((t) => t.duration)), tbt: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0) };
}

/** The renderer's main-thread task time so far (s), from its own counters: not thresholded like long tasks. */
async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? NaN;
}

/** Loads `path` (its newer version) and returns its long tasks and main-thread busy time over the first WINDOW_MS. */
async function loadCost(context: BrowserContext, path: string, extension: ExtensionBrowser | null) {
  const page = await context.newPage();
  await page.addInitScript(watchLongTasks);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = await taskSeconds(cdp);
  const start = Date.now();
  await page.goto(`http://${HOST}${path}`, { waitUntil: 'load' });
  // DocDelta answered the visit (asked of its service worker: reading the overlay from the test
  // would itself keep the page's main thread busy); it draws within the window.
  if (extension) await until(async () => (await lastAnswerAt(extension.worker)) >= start, `DocDelta's answer on ${path}`);
  const elapsed = await page.evaluate(() => performance.now());
  await page.waitForTimeout(Math.max(0, WINDOW_MS - elapsed));
  const busyMs = ((await taskSeconds(cdp)) - before) * 1000;
  // The page's renderer holds the page and DocDelta's content script (its frames are the
  // extension's documents, in the extension's process): its JS heap after a full collection.
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize: heap } = await cdp.send('Runtime.getHeapUsage');
  const cost = { ...(await blocking(page)), busyMs, heap };
  await cdp.detach();
  await page.close();
  return cost;
}

/** The JS heap after a full collection (page and content scripts share the renderer's heap). */
async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** Heap growth over 50 client-side navigations of the React app, and MutationObserver calls per second meanwhile. */
async function spaCost(context: BrowserContext) {
  const page = await context.newPage();
  await page.goto(`http://${HOST}/react-app/first/`);
  await page.waitForFunction(() => (window as unknown as { hydrated?: boolean }).hydrated === true);
  await page.waitForTimeout(WINDOW_MS);
  // An observer like DocDelta's (same target and options): the page's re-renders call it as often.
  const calls = await page.evaluate(() => new Promise<number>((resolve) => {
    let count = 0;
    const observer = new MutationObserver(() => count++);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    setTimeout(() => {
      observer.disconnect();
      resolve(count / 3);
    }, 3000);
  }));
  const before = await heapAfterGc(context, page);
  for (let i = 0; i < NAVIGATIONS; i++) {
    const [path, label] = i % 2 === 0 ? ['/react-app/second/', 'Permissions'] : ['/react-app/first/', 'Serialization'];
    await page.getByRole('link', { name: label }).click();
    await page.waitForURL(`http://${HOST}${path}`);
    await page.waitForTimeout(300);
  }
  // Let the last page be read and drawn, then collect.
  await page.waitForTimeout(WINDOW_MS);
  const after = await heapAfterGc(context, page);
  await page.close();
  return { growth: after - before, before, callsPerSecond: calls };
}

beforeAll(async () => {
  server = await new ReactDocsServer().start();
  server.extraPages.set(corpusPath, readHtml(pair.before));
  withDocDelta = await launchChromium({ port: server.port, hosts: [HOST] });
  plain = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', `--host-resolver-rules=${hostResolverRules(server.port, [HOST])}`] });
  plainContext = await plain.newContext({ viewport: { width: 1280, height: 900 } });
  // DocDelta has seen the earlier text of both pages on an earlier visit.
  const first = await withDocDelta.context.newPage();
  await visitAndSettle(withDocDelta.worker, first, `http://${HOST}${corpusPath}`);
  await visitAndSettle(withDocDelta.worker, first, `http://${HOST}/react-app/first/`);
  await first.close();
  await ageViews(withDocDelta.worker, 3 * 3600e3);
  server.extraPages.set(corpusPath, readHtml(pair.after));
  server.version = 'after';
});

afterAll(async () => {
  await withDocDelta?.close();
  await plain?.close();
  await server?.stop();
});

test('page cost with and without DocDelta', async () => {
  const runs = { corpus: { with: [] as Awaited<ReturnType<typeof loadCost>>[], without: [] as Awaited<ReturnType<typeof loadCost>>[] }, react: { with: [] as Awaited<ReturnType<typeof loadCost>>[], without: [] as Awaited<ReturnType<typeof loadCost>>[] } };
  for (let i = 0; i < RUNS; i++) {
    for (const [name, path] of [['corpus', corpusPath], ['react', '/react-app/first/']] as const) {
      runs[name].with.push(await loadCost(withDocDelta.context, path, withDocDelta));
      runs[name].without.push(await loadCost(plainContext, path, null));
    }
  }
  const spaWith = await spaCost(withDocDelta.context);
  const spaWithout = await spaCost(plainContext);
  const of = (list: Awaited<ReturnType<typeof loadCost>>[], field: 'count' | 'longest' | 'tbt' | 'busyMs' | 'heap') => median(list.map((run) => run[field]));
  const range = (list: Awaited<ReturnType<typeof loadCost>>[], field: 'tbt' | 'busyMs') => msSpread(spread(list.map((run) => run[field])));
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const rows = (['corpus', 'react'] as const).flatMap((name) => {
    const label = name === 'corpus' ? `${largest.slug} (${kb(readHtml(pair.after).length)}, changes drawn)` : 'React app (hydrated, 200 ms re-renders, changes drawn)';
    const { with: on, without: off } = runs[name];
    return [
      { figure: `${label}: main-thread busy time, with`, value: range(on, 'busyMs') },
      { figure: `${label}: main-thread busy time, without`, value: range(off, 'busyMs') },
      { figure: `${label}: main-thread busy time, with / without (medians)`, value: ratio(of(on, 'busyMs') / of(off, 'busyMs')) },
      { figure: `${label}: total blocking time, with`, value: range(on, 'tbt') },
      { figure: `${label}: total blocking time, without`, value: range(off, 'tbt') },
      { figure: `${label}: long tasks, longest, with / without`, value: `${of(on, 'count')}, ${ms(of(on, 'longest'))} / ${of(off, 'count')}, ${ms(of(off, 'longest'))}` },
      { figure: `${label}: the page renderer's JS heap after the visit (after GC), with / without`, value: `${kb(of(on, 'heap'))} / ${kb(of(off, 'heap'))} (${ratio(of(on, 'heap') / of(off, 'heap'))})` },
    ];
  });
  printTable(`Page cost with and without DocDelta (Chromium; first ${WINDOW_MS / 1000} s of a visit; median (min–max) of ${RUNS} loads each, alternating)`, [
    ...rows,
    { figure: `heap growth over ${NAVIGATIONS} client-side navigations (after GC), with / without`, value: `${kb(spaWith.growth)} / ${kb(spaWithout.growth)} (heap ${kb(spaWith.before)} / ${kb(spaWithout.before)})` },
    { figure: 'heap after the navigations, with / without', value: ratio((spaWith.before + spaWith.growth) / (spaWithout.before + spaWithout.growth)) },
    { figure: 'MutationObserver calls per second during the re-render storm (DocDelta\'s observer is called as often)', value: spaWith.callsPerSecond.toFixed(1) },
  ]);
  mkdirSync(join(projectRoot, 'bench-results'), { recursive: true });
  writeFileSync(join(projectRoot, 'bench-results/page-cost.json'), JSON.stringify({ page: largest.slug, runs, spaWith, spaWithout }, null, 2));
});
