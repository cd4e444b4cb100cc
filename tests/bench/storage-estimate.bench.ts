import { afterAll, beforeAll, test } from 'vitest';
import type { OptionsState } from '../../lib/messages';
import { launchChromium } from '../../harness/chromium';
import { evaluatorOf, launchFirefox } from '../../harness/firefox';
import { corpusBackup } from '../support/corpus-backup';
import { FixtureServer } from '../../harness/fixture-server';
import { printTable, ratio, type Row } from './report';

// `npm run bench`: the storage figures the options page shows (DocDelta's count of what it stores,
// in the browser's terms) against what real Chromium and Firefox report for the extension's origin
// (`navigator.storage.estimate()`, the baseline, read in the same page at the same moment), as
// the history grows from the real DRF corpus to a few thousand versions.
const STEPS = 4;
let docs: FixtureServer;

declare const chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } };

/** An extension page to run code in: the options page in either browser. */
interface ExtensionPage {
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
}

beforeAll(async () => {
  docs = await new FixtureServer().start();
});

afterAll(async () => {
  await docs?.stop();
});

/**
 * Waits for the work options requests leave running (packing an import, a new budget), asking in
 * short turns: one long wait would meet the automation protocol's own timeout.
 */
async function workDone(background: ExtensionPage): Promise<void> {
  for (let turn = 0; turn < 60; turn++) {
    const done = await background.evaluate(async () => {
      type Console = { docdelta: { optionsWorkDone: () => Promise<void> } };
      const runtime = (globalThis as unknown as { browser?: { runtime: { getBackgroundPage: () => Promise<Console> } } }).browser?.runtime;
      const page = 'docdelta' in globalThis ? (globalThis as unknown as Console) : await runtime!.getBackgroundPage();
      return Promise.race([page.docdelta.optionsWorkDone().then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000))]);
    });
    if (done) return;
  }
  throw new Error('the background was still busy after 30 minutes');
}

/** The same reading in either browser: history imported step by step, then a budget of half the browser's count. */
async function measure(options: ExtensionPage, background: ExtensionPage): Promise<{ rows: Row[]; versions: number }> {
  const send = <R>(message: unknown) =>
    options.evaluate(async (m) => ((await chrome.runtime.sendMessage(m)) as { value: R }).value, message).catch((error: Error) => {
      throw new Error(`${(message as { type: string }).type}: ${error.message}`);
    });
  const rows: Row[] = [];
  let versions = 0;
  for (let step = 0; step < STEPS; step++) {
    await send({ type: 'import', payload: { text: JSON.stringify(corpusBackup(step)) } });
    // Measured once the import is packed and counted, as the reader finds it afterwards.
    await workDone(background);
    // What the options page shows, and the browser's estimate for the same origin, asked together.
    const state = await send<OptionsState>({ type: 'options-state', payload: {} });
    const estimate = await options.evaluate(() => navigator.storage.estimate());
    const site = state.sites.find((s) => s.id === 'django-rest-framework')!.usage!;
    const shown = state.sites.reduce((n, s) => n + (s.usage?.bytes ?? 0), 0) + state.feedCache.bytes;
    versions = site.versions;
    rows.push({
      figure: `${site.pages} pages, ${site.versions} versions: options total ${(shown / 1e6).toFixed(1)} MB / browser estimate ${((estimate.usage ?? 0) / 1e6).toFixed(1)} MB`,
      value: ratio(shown / Math.max(estimate.usage ?? 1, 1)),
      target: '1× (up to the 5× scale cap)',
    });
  }
  // A budget of half what the browser counts now: the budget is kept in the browser's terms, so
  // DocDelta's count times the browser's scale is to end at 90% of it.
  const before = await options.evaluate(() => navigator.storage.estimate());
  const budgetMB = Math.max(1, Math.floor((before.usage ?? 0) / 2e6));
  const retention = (await send<OptionsState>({ type: 'options-state', payload: {} })).retention;
  await send({ type: 'set-retention', payload: { ...retention, maxStorageMB: budgetMB } });
  // Pages are removed right after the answer: wait for that work, as the options page's figures do.
  await workDone(background);
  // The browser's count of deleted records drops as it compacts its files: read it once it settles.
  let after = before;
  for (let i = 0; i < 30; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const next = await options.evaluate(() => navigator.storage.estimate());
    if (next.usage === after.usage && i > 2) break;
    after = next;
  }
  const state = await send<OptionsState>({ type: 'options-state', payload: {} });
  const shown = state.sites.reduce((n, s) => n + (s.usage?.bytes ?? 0), 0);
  rows.push({
    figure: `after a budget of ${budgetMB} MB (half the browser's count): options total ${(shown / 1e6).toFixed(1)} MB, browser estimate ${((after.usage ?? 0) / 1e6).toFixed(1)} MB once steady; browser / budget`,
    value: ratio((after.usage ?? 0) / (budgetMB * 1e6)),
    target: '≤ 1×',
  });
  return { rows, versions };
}

test('storage figures on the options page, against Chromium\'s own estimate', async () => {
  const browser = await launchChromium({ port: docs.port, hosts: ['www.django-rest-framework.org'] });
  try {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const { rows, versions } = await measure({ evaluate: (fn, arg) => options.evaluate(fn as never, arg as never) as never }, browser.worker as unknown as ExtensionPage);
    printTable(`Storage figures in real Chromium as the history grows to ${versions} versions (options page / navigator.storage.estimate())`, rows);
  } finally {
    await browser.close();
  }
}, 3_600_000);

test('storage figures on the options page, against Firefox\'s own estimate', async () => {
  const firefox = await launchFirefox({ proxyPort: docs.port });
  try {
    const options = evaluatorOf(await firefox.openExtensionPage('options.html'));
    // Firefox starts the event page on demand: wait until it is there to answer.
    await options.evaluate(async () => {
      await (globalThis as unknown as { browser: { runtime: { getBackgroundPage: () => Promise<unknown> } } }).browser.runtime.getBackgroundPage();
      return true;
    });
    const { rows, versions } = await measure(options, options);
    printTable(`Storage figures in real Firefox ESR as the history grows to ${versions} versions (options page / navigator.storage.estimate())`, rows);
  } finally {
    await firefox.close();
  }
}, 3_600_000);
