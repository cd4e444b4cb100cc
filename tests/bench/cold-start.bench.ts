import { afterAll, beforeAll, test } from 'vitest';
import { FixtureServer } from '../../harness/fixture-server';
import { launchHarness, type BrowserName, type Harness } from '../../harness/harness';
import { msSpread, pairedRatio, pairedRatioText, printTable, spread, type Row } from './report';

// `npm run bench`: what a visit pays when the browser has stopped DocDelta's background (Chromium
// stops an idle MV3 worker after 30 s, Firefox an idle event page): the first answer from a
// stopped background (start, load the bundle, open the database, answer), against the same
// question asked of a running one, in the same run, turn by turn, per browser.
const ROUNDS = 12;
const QUESTION = { type: 'options-state', payload: {} };

let docs: FixtureServer;
beforeAll(async () => {
  docs = await new FixtureServer().start();
});
afterAll(async () => {
  await docs?.stop();
});

async function timed(browser: Harness): Promise<number> {
  const start = performance.now();
  await browser.message(QUESTION);
  return performance.now() - start;
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
  } finally {
    await browser.close();
  }
}, 300_000);
