import 'fake-indexeddb/auto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { handlePageSeen } from '../../lib/background/page-seen';
import { NewPageRate } from '../../lib/background/new-page-rate';
import type { Block } from '../../lib/blocks';
import { customSite } from '../../lib/sites/custom-sites';
import { saveCustomSites } from '../../lib/store/custom-sites-store';
import { openDocDeltaDB, type DocDeltaDB } from '../../lib/store/open-db';
import { saveRetention } from '../../lib/store/retention';
import { pageUsage, storageUsage } from '../../lib/store/storage-usage';
import { projectRoot } from '../../harness/chromium';
import { printTable, ratio, type Row } from './report';

// Issue 14: a simulated year of reading with the storage budget set low. 2,000 pages on 20 docs
// sites, 20,000 visits (popular pages often, pages edited now and then), and a hostile site
// whose open tab invents a new page every second with 50,000 characters each, all day, every
// day. The database must stay under budget, no page viewed in the last 30 days may lose a
// version, and the options page's per-site figures must add up to the per-page count. The
// baseline is the first month of the same reading with no budget and no hostile site.
const DAY = 864e5;
const SITES = 20;
const PAGES = 2_000;
const VISITS = 20_000;
const DAYS = Number(process.env.SOAK_DAYS ?? 365);
const BUDGET_MB = 20;
const HOSTILE_TRIES_PER_DAY = 300;

/** A seeded random number generator, so every run reads the same year. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const words = 'the serializer field view request response model query token client server cache header route schema'.split(' ');
function pageText(page: number, edition: number): Block[] {
  return Array.from({ length: 30 }, (_, n) => ({
    kind: n % 10 === 0 ? ('heading' as const) : ('paragraph' as const),
    level: n % 10 === 0 ? 2 : 0,
    text: n === 1 ? `Page ${page}, edition ${edition}: what changed in this release.` : Array.from({ length: 24 }, (_, w) => words[(page * 7 + n * 3 + w) % words.length]).join(' ') + ` (${page}.${n})`,
  }));
}

const siteUrl = (site: number) => `https://docs${site}.example.org`;
const pageUrl = (page: number) => `${siteUrl(page % SITES)}/guide/p${page}/`;
const pageKeyOf = (page: number) => `docs${page % SITES}.example.org/guide/p${page}`;

interface Year {
  msPerVisit: number;
  /** Largest total seen at the end of a day, in bytes. */
  largest: number;
  /** Pages viewed in the last 30 days that lost a version they had. */
  lost: string[];
  hostilePagesStored: number;
  hostilePagesRefused: number;
  figuresAddUp: boolean;
}

/** Reads for `days` days at the year's pace (VISITS over 365 days), with or without the hostile site. */
async function readForAYear(db: DocDeltaDB, days: number, withHostile: boolean): Promise<Year> {
  const next = random(42);
  const rate = new NewPageRate();
  const edition = new Map<number, number>();
  /** Per page: the editions the reader has seen, and when they last looked. */
  const seen = new Map<number, { editions: Set<number>; last: number }>();
  let largest = 0;
  let hostileStored = 0;
  let hostileRefused = 0;
  let time = 0;
  let visitCount = 0;
  for (let day = 0; day < days; day++) {
    const today = Math.round((VISITS * (day + 1)) / 365) - Math.round((VISITS * day) / 365);
    for (let i = 0; i < today; i++) {
      // Popular pages often (a power law over the 2,000), and each edited now and then.
      const page = Math.min(PAGES - 1, Math.floor(PAGES * next() ** 3));
      if (next() < 0.08) edition.set(page, (edition.get(page) ?? 0) + 1);
      const now = day * DAY + 8 * 3600e3 + i * 60_000;
      const start = performance.now();
      const result = await handlePageSeen(db, { url: pageUrl(page), title: `p${page}`, blocks: pageText(page, edition.get(page) ?? 0), now }, { admitNewPage: (siteId) => rate.admit(1, siteId, now), onScreen: () => [] });
      await result.housekeeping;
      time += performance.now() - start;
      visitCount++;
      const record = seen.get(page) ?? { editions: new Set<number>(), last: 0 };
      record.editions.add(edition.get(page) ?? 0);
      record.last = now;
      seen.set(page, record);
    }
    if (withHostile) {
      for (let i = 0; i < HOSTILE_TRIES_PER_DAY; i++) {
        const now = day * DAY + 20 * 3600e3 + i * 1000;
        const junk: Block[] = [{ kind: 'paragraph', level: 0, text: `${day}-${i} `.repeat(8_000).slice(0, 50_000) }];
        await handlePageSeen(db, { url: `https://hostile.example.org/p/${day}-${i}`, title: 'x', blocks: junk, now, opened: false }, { admitNewPage: (siteId) => rate.admit(2, siteId, now) }).then(
          async (result) => {
            await result.housekeeping;
            hostileStored++;
          },
          () => hostileRefused++,
        );
      }
    }
    largest = Math.max(largest, (await pageUsage(db)).reduce((sum, page) => sum + page.bytes, 0));
  }
  const end = days * DAY;
  const lost: string[] = [];
  for (const [page, record] of seen) {
    if (end - record.last > 30 * DAY) continue;
    const stored = await db.countFromIndex('versions', 'byPage', pageKeyOf(page));
    if (stored < record.editions.size) lost.push(`${pageKeyOf(page)}: ${stored} of ${record.editions.size}`);
  }
  const perPage = (await pageUsage(db)).reduce((sum, page) => sum + page.bytes, 0);
  const perSite = (await storageUsage(db)).reduce((sum, site) => sum + site.bytes, 0);
  return { msPerVisit: time / visitCount, largest, lost, hostilePagesStored: hostileStored, hostilePagesRefused: hostileRefused, figuresAddUp: perPage === perSite };
}

test('a simulated year of reading under a low storage budget, with a hostile site', async () => {
  const sites = [...Array.from({ length: SITES }, (_, site) => customSite(`${siteUrl(site)}/*`, null)), customSite('https://hostile.example.org/*', null)];

  const baselineDb = await openDocDeltaDB('soak-baseline');
  await saveCustomSites(baselineDb, sites);
  await saveRetention(baselineDb, { maxVersions: 200, maxAgeDays: 0, maxStorageMB: 0 });
  const baseline = await readForAYear(baselineDb, 30, false);

  const db = await openDocDeltaDB('soak-year');
  await saveCustomSites(db, sites);
  await saveRetention(db, { maxVersions: 200, maxAgeDays: 0, maxStorageMB: BUDGET_MB });
  const year = await readForAYear(db, DAYS, true);

  const rows: Row[] = [
    { figure: `time per visit, a year with budget and hostile site / a month without`, value: ratio(year.msPerVisit / baseline.msPerVisit) },
    { figure: 'largest stored at the end of a day / budget', value: ratio(year.largest / (BUDGET_MB * 1e6)), target: '≤ 1×' },
    { figure: 'pages viewed in the last 30 days that lost a version', value: String(year.lost.length), target: '0' },
    { figure: 'hostile pages stored / tried', value: `${year.hostilePagesStored} / ${year.hostilePagesStored + year.hostilePagesRefused}` },
    { figure: 'per-site figures add up to the per-page count', value: year.figuresAddUp ? 'yes' : 'no' },
  ];
  printTable(`Soak: ${Math.round((VISITS * DAYS) / 365).toLocaleString('en')} visits to ${PAGES.toLocaleString('en')} pages over ${DAYS} days, ${BUDGET_MB} MB budget, a hostile site`, rows);
  mkdirSync(join(projectRoot, 'bench-results'), { recursive: true });
  writeFileSync(join(projectRoot, 'bench-results/soak.json'), JSON.stringify({ baseline, year: { ...year, lost: year.lost.slice(0, 20) } }, null, 2));
  expect(year.largest).toBeLessThanOrEqual(BUDGET_MB * 1e6);
  expect(year.lost).toEqual([]);
  expect(year.figuresAddUp).toBe(true);
}, 3_600_000);
