import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, test } from 'vitest';
import { ARCHIVE_HOSTS, ArchiveServer } from '../../harness/archive-server';
import { projectRoot } from '../../harness/chromium';
import { forgetEverything } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, sleep, type Harness, type Tab } from '../../harness/harness';
import { builtinSites } from '../../lib/sites/builtin-sites';
import { loadCorpus, readHtml } from '../support/corpus';
import { median, msSpread, printTable, ratioSpread, spread } from './report';

// `npm run bench`: a first visit to a real page whose history only the archives hold, from the
// reader's click in the popup to the page's highlights, against reloading the same page once
// that history is stored (everything local), in turns. The Internet Archive holds 50 captures
// of the page, GitHub 51 commits of its source (the DRF corpus), served over https at their
// real hostnames (harness/archive-server.ts); also the requests and bytes one first visit costs.
const ROUNDS = 5;
const page = loadCorpus().find((p) => p.slug === 'api-guide__fields')!;
const url = page.url.replace(/^https:/, 'http:');
const drf = builtinSites.find((site) => site.id === 'django-rest-framework')!;
const captures = page.versions.slice(-50);
const commits = page.versions.filter((v) => v.markdownPath);
let docs: FixtureServer;
let archives: ArchiveServer;
let browser: Harness;

beforeAll(async () => {
  docs = await new FixtureServer().start();
  docs.pages.set(new URL(url).pathname, readHtml(page.versions.at(-1)!));
  archives = await new ArchiveServer().start({ tls: true });
  archives.captures.set(url, captures.map((v) => ({ timestamp: v.stem.slice(0, 15).replace('T', ''), digest: createHash('sha1').update(readHtml(v)).digest('hex').slice(0, 32).toUpperCase().replace(/[^A-Z2-7]/g, 'Q'), body: readHtml(v) })));
  archives.commits.set(`encode/django-rest-framework:${drf.github!.files(new URL(page.url))[0]}`, commits.map((v) => ({
    sha: createHash('sha1').update(v.stem).digest('hex'), date: v.date.replace(/\.\d+Z$/, 'Z'), message: `Docs: ${v.stem}`, content: readFileSync(v.markdownPath!, 'utf8'),
  })).reverse());
  browser = await launchHarness('chromium', { port: docs.port, hosts: ['www.django-rest-framework.org'], grantSites: true, tls: { port: archives.port, hosts: ARCHIVE_HOSTS } });
});

afterAll(async () => {
  await browser?.close();
  await archives?.stop();
  await docs?.stop();
});

/** Runs in the docs page before its own scripts: when DocDelta's overlay first appears (wall clock, and ms since navigation). */
function watchOverlay() {
  new MutationObserver((_records, observer) => {
    if (!document.querySelector('docdelta-overlay')) return;
    (window as unknown as { overlayShown: { at: number; sinceNavigation: number } }).overlayShown = { at: Date.now(), sinceNavigation: performance.now() };
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
}

async function waitFor<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(20)) {
    const value = await read();
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

const overlayShown = (tab: Tab) => tab.evaluate(() => (window as unknown as { overlayShown?: { at: number; sinceNavigation: number } }).overlayShown);

/** A first visit with nothing stored, then the reader's click: ms from the click to the overlay, and what the archives were asked. */
async function firstVisitByClick(button: string) {
  await forgetEverything(browser.extension);
  // A fresh background each round: the hourly request budget is the worker's, and 5 rounds of 6 requests would come near it.
  await browser.stopBackground();
  const tab = await browser.newTab();
  await (tab.page as Page).addInitScript(watchOverlay);
  await browser.visit(tab, url);
  const popup = await browser.openPopup(tab);
  await popup.evaluate(() => document.addEventListener('click', () => ((window as unknown as { clickedAt?: number }).clickedAt ??= Date.now()), true));
  const [requests, bytes] = [archives.requests.length, archives.bytesSent];
  await popup.clickControl(button);
  const shown = await waitFor(() => overlayShown(tab), 'the highlights');
  const clickedAt = await popup.evaluate(() => (window as unknown as { clickedAt: number }).clickedAt);
  await popup.close();
  return { tab, ms: shown.at - clickedAt, requests: archives.requests.length - requests, bytes: archives.bytesSent - bytes };
}

/** The same page reloaded with its history stored: ms from navigation to the overlay. */
async function reloaded(tab: Tab): Promise<number> {
  await tab.reload();
  const shown = await waitFor(() => overlayShown(tab), 'the highlights after a reload');
  await tab.close();
  return shown.sinceNavigation;
}

test('a first visit\'s history from the archives: click to highlights, requests and bytes', async () => {
  const sources = { archive: 'Get this page\'s history from The Internet Archive', github: 'Get this page\'s history from GitHub (encode/django-rest-framework)' };
  const results = Object.fromEntries(Object.keys(sources).map((kind) => [kind, { click: [] as number[], reload: [] as number[], requests: [] as number[], bytes: [] as number[] }]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [kind, button] of Object.entries(sources)) {
      const visit = await firstVisitByClick(button);
      results[kind]!.click.push(visit.ms);
      results[kind]!.requests.push(visit.requests);
      results[kind]!.bytes.push(visit.bytes);
      results[kind]!.reload.push(await reloaded(visit.tab));
    }
  }
  const figures = Object.fromEntries(Object.entries(results).map(([kind, r]) => [kind, { clickToHighlightsMs: spread(r.click), reloadToHighlightsMs: spread(r.reload), requests: median(r.requests), bytes: median(r.bytes) }]));
  mkdirSync(join(projectRoot, 'bench-results'), { recursive: true });
  writeFileSync(join(projectRoot, 'bench-results/history.json'), JSON.stringify({ rounds: ROUNDS, captures: captures.length, commits: commits.length, ...figures }, null, 2));
  printTable(`A first visit's history from the archives (Chromium; ${page.slug}: ${captures.length} captures, ${commits.length} commits held; median (min–max) of ${ROUNDS} rounds, in turns)`, [
    { figure: 'baseline: reload to highlights, the history stored (local)', value: msSpread(figures.archive!.reloadToHighlightsMs) },
    { figure: 'Internet Archive: click to highlights', value: msSpread(figures.archive!.clickToHighlightsMs) },
    { figure: '  / reload (ratio of medians; range of the rounds\' own)', value: ratioSpread(results.archive!.click, results.archive!.reload) },
    { figure: '  requests per first visit', value: String(figures.archive!.requests) },
    { figure: '  bytes fetched per first visit', value: `${(figures.archive!.bytes / 1024).toFixed(0)} KB` },
    { figure: 'GitHub: click to highlights', value: msSpread(figures.github!.clickToHighlightsMs) },
    { figure: '  / reload', value: ratioSpread(results.github!.click, results.github!.reload) },
    { figure: '  requests per first visit', value: String(figures.github!.requests) },
    { figure: '  bytes fetched per first visit', value: `${(figures.github!.bytes / 1024).toFixed(0)} KB` },
  ]);
}, 600_000);
