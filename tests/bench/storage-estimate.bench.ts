import { afterAll, beforeAll, test } from 'vitest';
import type { Backup } from '../../lib/backup/backup-schema';
import type { OptionsState } from '../../lib/background/options-requests';
import { launchChromium, type ExtensionBrowser } from '../support/browsers';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';
import { FixtureServer } from '../support/fixture-server';
import { printTable, ratio, type Row } from './report';

// `npm run bench`: the storage figures the options page shows (DocDelta's own count of what it
// stores) against what real Chromium reports for the extension's origin
// (`navigator.storage.estimate()`, the baseline, read in the same page at the same moment), as
// the history grows from the real DRF corpus to a few thousand versions.
const corpus = loadCorpus();
const STEPS = 4;
const PAGES_PER_STEP = 150;
let docs: FixtureServer;
let browser: ExtensionBrowser;

declare const chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } };

/**
 * Pages made of real corpus versions: every version of each corpus page under its own key
 * at step 0, then copies of them under other keys (each with a revision line of its own, so
 * no two versions are one), as a reader's history grows across a site.
 */
function backupOf(step: number): Backup {
  const pages: Backup['pages'] = [];
  const count = step === 0 ? corpus.length : PAGES_PER_STEP;
  for (let n = 0; n < count; n++) {
    const page = corpus[n % corpus.length]!;
    const table: Backup['pages'][number]['blocks'] = [];
    const index = new Map<string, number>();
    const versions = page.versions.slice(step === 0 ? 0 : -12).map((version, i) => ({
      capturedAt: Date.UTC(2025, 0, 1) + i * 864e5,
      source: 'visit' as const,
      blocks: [...corpusBlocks(page, version), { kind: 'paragraph' as const, level: 0, text: `Revision ${step}.${n}.${i}.` }].map((b) => {
        const key = `${b.kind}|${b.level}|${b.text}`;
        if (!index.has(key)) index.set(key, table.push([b.kind, b.level, b.text]) - 1);
        return index.get(key)!;
      }),
    }));
    const path = step === 0 ? new URL(page.url).pathname : `/copies/${step}/${n}/`;
    const last = versions.at(-1)!.capturedAt;
    pages.push({
      key: `www.django-rest-framework.org${path.replace(/\/$/, '')}`,
      url: `https://www.django-rest-framework.org${path}`,
      title: `${page.slug} ${step}.${n}`,
      siteId: 'django-rest-framework',
      blocks: table,
      versions,
      views: [{ version: versions.length - 1, first: last, last }],
    });
  }
  return { format: 'docdelta-backup', version: 1, exportedAt: Date.now(), pages, feeds: [], settings: [] };
}

beforeAll(async () => {
  docs = await new FixtureServer().start();
  browser = await launchChromium({ port: docs.port, hosts: ['www.django-rest-framework.org'] });
});

afterAll(async () => {
  await browser?.close();
  await docs?.stop();
});

test('storage figures on the options page, against the browser\'s own estimate', async () => {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const rows: Row[] = [];
  let versions = 0;
  let lastShown = 0;
  for (let step = 0; step < STEPS; step++) {
    await options.evaluate((text) => chrome.runtime.sendMessage({ type: 'import', payload: { text } }), JSON.stringify(backupOf(step)));
    // What the options page shows, and the browser's estimate for the same origin, asked together.
    const state = (await options.evaluate(async () => (await chrome.runtime.sendMessage({ type: 'options-state', payload: {} })) as { value: unknown })).value as OptionsState;
    const estimate = await options.evaluate(() => navigator.storage.estimate());
    const site = state.sites.find((s) => s.id === 'django-rest-framework')!.usage!;
    const shown = state.sites.reduce((n, s) => n + (s.usage?.bytes ?? 0), 0) + state.feedCache.bytes;
    versions = site.versions;
    lastShown = shown;
    rows.push({
      figure: `${site.pages} pages, ${site.versions} versions: options total ${(shown / 1e6).toFixed(1)} MB / browser estimate ${((estimate.usage ?? 0) / 1e6).toFixed(1)} MB`,
      value: ratio(shown / Math.max(estimate.usage ?? 1, 1)),
    });
  }
  // A budget of half what the browser counts now: the budget is kept in the browser's terms, so
  // the browser's count is to end near 90% of it (DocDelta's own count, shown, well below it).
  const before = await options.evaluate(() => navigator.storage.estimate());
  const budgetMB = Math.max(1, Math.floor((before.usage ?? 0) / 2e6));
  const retention = (await options.evaluate(async () => (await chrome.runtime.sendMessage({ type: 'options-state', payload: {} })) as { value: OptionsState })).value.retention;
  await options.evaluate((payload) => chrome.runtime.sendMessage({ type: 'set-retention', payload }), { ...retention, maxStorageMB: budgetMB });
  // The browser's count of deleted records drops as it compacts its files: read it once it settles.
  let after = before;
  for (let i = 0; i < 30; i++) {
    await options.waitForTimeout(1000);
    const next = await options.evaluate(() => navigator.storage.estimate());
    if (next.usage === after.usage && i > 2) break;
    after = next;
  }
  const state = (await options.evaluate(async () => (await chrome.runtime.sendMessage({ type: 'options-state', payload: {} })) as { value: OptionsState })).value;
  const shown = state.sites.reduce((n, s) => n + (s.usage?.bytes ?? 0), 0);
  const scale = (before.usage ?? 0) / Math.max(1, rows.length ? lastShown : 1);
  rows.push({
    figure: `after a budget of ${budgetMB} MB (half the browser's count), options total × the browser's scale (${scale.toFixed(2)}) / budget`,
    value: ratio((shown * scale) / (budgetMB * 1e6)),
    target: '≤ 0.9×',
  });
  rows.push({
    figure: `browser estimate ${((after.usage ?? 0) / 1e6).toFixed(1)} MB once steady / budget (deleted records stay in its files until it compacts)`,
    value: ratio((after.usage ?? 0) / (budgetMB * 1e6)),
  });
  await options.close();
  printTable(`Storage figures in real Chromium as the history grows to ${versions} versions (options page / navigator.storage.estimate())`, rows);
}, 1_200_000);
