import { afterAll, beforeAll, test } from 'vitest';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, type BrowserName, type Harness } from '../../harness/harness';
import { msSpread, pairedRatio, pairedRatioText, printTable, spread, type Row } from './report';
import { loadCorpus } from '../support/corpus';
import { corpusBlocks } from '../support/corpus-blocks';

// `npm run bench`: what a visit pays when the browser has stopped DocDelta's background (Chromium
// stops an idle MV3 worker after 30 s, Firefox an idle event page): the first answer from a
// stopped background (start, load the bundle, open the database, answer), against the same
// question asked of a running one, in the same run, turn by turn, per browser. And a page's
// timeline of 200 versions read by a stopped background (nothing of it in memory), against that
// background's plain first answer.
const ROUNDS = 12;
const QUESTION = { type: 'options-state', payload: {} };

let docs: FixtureServer;
beforeAll(async () => {
  docs = await new FixtureServer().start();
});
afterAll(async () => {
  await docs?.stop();
});

async function timed(browser: Harness, question: unknown = QUESTION): Promise<number> {
  const start = performance.now();
  await browser.message(question);
  return performance.now() - start;
}

const VERSIONS = 200;
const page = loadCorpus().find((p) => p.slug === 'api-guide__fields')!;
const PAGE_KEY = 'www.django-rest-framework.org/api-guide/fields';

/** An export holding 200 distinct versions of a real page, a day apart (as popup.bench.ts builds it). */
function history(): string {
  const table: Array<[string, number, string]> = [];
  const index = new Map<string, number>();
  const versions = Array.from({ length: VERSIONS }, (_, i) => ({
    capturedAt: Date.UTC(2025, 0, 1) + i * 864e5,
    source: 'visit',
    blocks: [...corpusBlocks(page, page.versions[i % page.versions.length]!), { kind: 'paragraph', level: 0, text: `Revision note ${i}.` }].map((b) => {
      const key = `${b.kind}|${b.level}|${b.text}`;
      if (!index.has(key)) index.set(key, table.push([b.kind, b.level, b.text]) - 1);
      return index.get(key)!;
    }),
  }));
  const last = versions.at(-1)!.capturedAt;
  return JSON.stringify({
    format: 'docdelta-backup', version: 2, exportedAt: Date.now(),
    pages: [{ key: PAGE_KEY, url: page.url, title: 'Serializer fields', siteId: 'django-rest-framework', blocks: table, versions, views: [{ version: VERSIONS - 1, first: last, last }] }],
    feeds: [], settings: [],
  });
}

test.each(['chromium', 'firefox'] as BrowserName[])('the background\'s cold start to its first answer, in %s', async (name) => {
  const browser = await launchHarness(name, { port: docs.port, hosts: ['www.django-rest-framework.org'] });
  try {
    // A first answer, so the page asking and the database exist before anything is timed.
    await browser.message(QUESTION);
    const warm: number[] = [];
    const cold: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      warm.push(await timed(browser));
      await browser.stopBackground();
      cold.push(await timed(browser));
    }
    const rows: Row[] = [
      { figure: 'first answer from a stopped background / from a running one', value: pairedRatioText(pairedRatio(cold, warm)) },
      { figure: 'from a stopped background', value: msSpread(spread(cold)) },
      { figure: 'from a running one', value: msSpread(spread(warm)) },
    ];
    printTable(`Cold start in ${name} (${ROUNDS} rounds; the question: the options page's state)`, rows);

    // The timeline: imported, its word counts stored (the first listing counts and keeps them, as
    // after any import), the import's packing given time to end, then read cold.
    const answer = async (question: unknown) => {
      const reply = (await browser.message(question)) as { ok: boolean; value?: unknown; error?: string };
      if (!reply.ok) throw new Error(reply.error);
      return reply.value;
    };
    await answer({ type: 'import', payload: { text: history() } });
    const timeline = { type: 'page-timeline', payload: { pageKey: PAGE_KEY } };
    const listed = (await answer(timeline)) as unknown[];
    if (listed.length !== VERSIONS) throw new Error(`the imported timeline has ${listed.length} versions, not ${VERSIONS}`);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const plain: number[] = [];
    const withTimeline: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await browser.stopBackground();
      plain.push(await timed(browser));
      await browser.stopBackground();
      withTimeline.push(await timed(browser, timeline));
    }
    printTable(`A timeline of ${VERSIONS} versions in ${name}, read by a stopped background (${ROUNDS} rounds)`, [
      { figure: 'the timeline / the plain first answer, both from a stopped background', value: pairedRatioText(pairedRatio(withTimeline, plain)) },
      { figure: 'the timeline, from a stopped background', value: msSpread(spread(withTimeline)), target: '≤ 300 ms' },
    ]);
  } finally {
    await browser.close();
  }
}, 300_000);
