import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '../../harness/chromium';
import { scenario } from '../support/scenario';

// The README's first command: `npm start` opens the demo, in Chromium or (with
// --browser firefox) Firefox. Headless, it prints what each page shows and saves screenshots.
const site = JSON.parse(readFileSync(join(projectRoot, 'demo/site.json'), 'utf8')) as { pages: Array<{ url: string }>; feedOnly: Array<{ url: string }>; archiveOnly: Array<{ url: string }> };
// Visited pages, a page known from the feed, and one whose history the popup's click brings from the archive.
const pages = [...site.pages, ...site.feedOnly, ...site.archiveOnly];

function runDemo(browser: 'chromium' | 'firefox'): { output: string; out: string } {
  const out = mkdtempSync(join(tmpdir(), `docdelta-demo-${browser}-`));
  const output = execFileSync(join(projectRoot, 'node_modules/.bin/jiti'), ['scripts/start.ts', '--browser', browser, '--headless', '--skip-build', '--out', out], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
  return { output, out };
}

describe('npm start (headless)', () => {
  test('every demo page opens showing its changes', () => {
    const { output, out } = runDemo(scenario.browser);
    for (const page of pages) {
      const line = output.split('\n').find((text) => text.startsWith(page.url));
      expect(line, page.url).toMatch(/: [1-9]\d* changes since .* the navigator says "1 of [1-9]\d*"/);
      const file = line!.split('→ ')[1]!.trim();
      expect(file.startsWith(out) && existsSync(file), file).toBe(true);
    }
  }, 300_000);
});
