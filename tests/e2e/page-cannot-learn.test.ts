import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ageViews } from '../../harness/extension-state';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, type Harness, type Tab } from '../../harness/harness';
import { ghostTexts, overlayText } from '../../harness/layer-reader';
import { loadCorpus, readHtml } from '../support/corpus';
import { probeOverlay } from '../support/page-probe';
import { observeAsPage, type PageObservation } from '../support/hostile';
import { scenario } from '../support/scenario';

// The supercookie a hostile docs site would build from DocDelta: the same page, read by a reader
// whose earlier visit saw one version and by one whose earlier visit saw another. DocDelta shows
// each of them different changes; everything the page's scripts can observe must be the same
// for both (and, but for "something is shown", the same as for a reader with no history).
const corpusPage = loadCorpus().find((p) => p.slug === 'api-guide__fields')!;
const url = corpusPage.url.replace(/^https:/, 'http:');
const path = new URL(url).pathname;
const ROOT = '#main-content, article.md-content__inner';
const newest = corpusPage.versions.at(-1)!;
const [olderA, olderB] = [corpusPage.versions.at(-4)!, corpusPage.versions.at(-8)!];

describe('a hostile page learns nothing of what the reader saw before', () => {
  let server: FixtureServer;
  let browser: Harness;
  let tab: Tab;
  const observed: Record<'a' | 'b' | 'none', PageObservation | null> = { a: null, b: null, none: null };
  const secrets: string[] = [];

  /** The reader's earlier visit (two days ago) saw `older`; now the page is at its newest. */
  const readerWhoSaw = async (older: typeof olderA) => {
    await ageViews(browser.extension, 2 * 24 * 3600e3);
    server.pages.set(path, readHtml(older));
    await browser.visit(tab, url);
    await ageViews(browser.extension, 2 * 24 * 3600e3);
    server.pages.set(path, readHtml(newest));
    const badge = await browser.visit(tab, url);
    const seen = await probeOverlay(tab.page);
    secrets.push(await overlayText(tab.page, '.section'), ...(await ghostTexts(tab.page)).flatMap((text) => text.split('\n')).filter((line) => line.length > 12).slice(0, 8));
    return { badge, seen };
  };

  beforeAll(async () => {
    server = await new FixtureServer().start();
    browser = await launchHarness(scenario.browser, { port: server.port, hosts: ['www.django-rest-framework.org'] });
    tab = await browser.newTab();
    const a = await readerWhoSaw(olderA);
    if (a.badge === '' || a.seen.highlighted.length === 0) throw new Error('the first reader should be shown added text');
    const wordsA = a.seen.highlighted;
    const b = await readerWhoSaw(olderB);
    if (b.badge === a.badge && b.seen.highlighted.join(' ') === wordsA.join(' ')) throw new Error('the two readers should be shown different changes');
    const tried = [...new Set([...secrets, ...a.seen.ghostRemoved.slice(0, 10), ...b.seen.ghostRemoved.slice(0, 10)])].filter(Boolean);
    // Observed in turns: the reader of version A, of version B, and the same page with no history (another address).
    await readerWhoSaw(olderA);
    observed.a = await observeAsPage(tab, ROOT, tried);
    await readerWhoSaw(olderB);
    observed.b = await observeAsPage(tab, ROOT, tried);
    const fresh = `${path}never-visited/`;
    server.pages.set(fresh, readHtml(newest));
    expect(await browser.visit(tab, new URL(fresh, url).href)).toBe('');
    observed.none = await observeAsPage(tab, ROOT, tried);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('there is something to learn: both readers are shown changes, with old text and a date', () => {
    expect(observed.a!.hosts).toBe(1);
    expect(observed.b!.hosts).toBe(1);
    expect(secrets.filter((secret) => /\d{4}/.test(secret)).length).toBeGreaterThan(0);
  });

  test('the two readers look the same to every API the page has', () => {
    expect(observed.b).toEqual(observed.a);
  });

  test('and the same as a reader with no history, but for the one host element that says something is shown', () => {
    expect({ ...observed.a!, hosts: 0 }).toEqual({ ...observed.none!, hosts: 0 });
    expect(observed.a!.highlights).toBe(0);
    expect(observed.a!.frames).toBe(0);
    expect(observed.a!.resources).toEqual([]);
  });

  test('window.find and a grown selection find no removed word, date or count that the page lacks', () => {
    // The words tried are old text, the navigator's line and its date: found only if the page itself holds them.
    expect(observed.a!.found).toEqual(observed.none!.found);
    for (const secret of secrets) expect(observed.a!.grown).not.toContain(secret);
  });
});
