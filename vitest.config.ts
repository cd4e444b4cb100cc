import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    // The default report, then per project what ran and what was skipped and why.
    reporters: ['default', './tests/support/coverage-reporter.ts'],
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['tests/support/direct-readers-setup.ts'],
          // A ceiling for hangs: the corpus-wide tests share two cores with both browsers' runs.
          testTimeout: 300_000,
        },
      },
      // The browsers of harness/harness.ts (not imported here: the config loader would bundle the harness).
      ...(['chromium', 'firefox'] as const).map((browser) => ({
        test: {
          // The same scenarios in each browser: the project names the browser (harness/harness.ts).
          name: `e2e-${browser}`,
          include: ['tests/e2e/**/*.test.ts'],
          env: { DOCDELTA_BROWSER: browser },
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 120_000,
          // A poll's limit is a ceiling for hangs, not a speed check: a busy CI machine took
          // more than vitest's default second to import a backup (speed is measured in the bench).
          expect: { poll: { timeout: 20_000 } },
          // One tab-driving file at a time per browser (scripts/test.mjs runs the two browsers side by side).
          fileParallelism: false,
        },
      })),
      {
        test: {
          name: 'bench',
          include: ['tests/bench/**/*.bench.ts'],
          environment: 'node',
          setupFiles: ['tests/support/direct-readers-setup.ts'],
          // takeTurns (tests/bench/report.ts) collects garbage before each sample, so one
          // subject's garbage is not collected on the next one's clock.
          execArgv: ['--expose-gc'],
          testTimeout: 900_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
