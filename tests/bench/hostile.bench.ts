import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { projectRoot } from '../../harness/chromium';
import { loadCorpus, readHtml } from '../support/corpus';
import { hostileSurfaces } from '../support/hostile-inputs';
import { printTable, ratio, type Row } from './report';

// Issue 14: hostile text from 1 KB to 5 MB through everything that reads text DocDelta did not
// write (tests/support/hostile-inputs.ts). Linear time shows as a flat time per MB: the growth
// figure is time per MB at 5 MB over time per MB at 1 MB (1.00× is linear). The baseline is
// ordinary input of the same surface and size, read in the same run.
const SIZES = [1_000, 64_000, 1_000_000, 5_000_000];
const corpus = loadCorpus();

/** Ordinary input for each surface, built to `size`: what the hostile cases are compared with. */
const ordinary: Record<string, (size: number) => string> = {
  'feed markdown': (size) => repeatTo(corpus.flatMap((page) => page.versions.filter((v) => v.markdownPath).slice(-1).map((v) => readFileSync(v.markdownPath!, 'utf8'))).join('\n\n'), size),
  'feed HTML': (size) => {
    const bodies = corpus.map((page) => /<body[^>]*>([\s\S]*)<\/body>/i.exec(readHtml(page.versions.at(-1)!))?.[1] ?? '');
    return `<!doctype html><html><body>${repeatTo(bodies.join('\n'), size)}</body></html>`;
  },
  'feed JSON': (size) => hostileSurfaces['feed JSON']!.cases['many versions']!(size),
  'import file': (size) => hostileSurfaces['import file']!.cases['many pages']!(size),
  'site pattern': (size) => repeatTo('guide/install/', size),
};

test('hostile input, 1 KB to 5 MB: time per MB and its growth, against ordinary input', () => {
  const rows: Row[] = [];
  const report: Record<string, unknown> = {};
  for (const [surface, { cases, read }] of Object.entries(hostileSurfaces)) {
    const base = msPerMb(read, ordinary[surface]!);
    let slowest = { name: '', msPerMb: 0 };
    let steepest = { name: '', growth: 0 };
    const measured: Record<string, number[]> = {};
    for (const [name, make] of Object.entries(cases)) {
      const perSize = msPerMb(read, make);
      measured[name] = perSize;
      const at5 = perSize.at(-1)!;
      const growth = at5 / Math.max(perSize.at(-2)!, 1e-3);
      if (at5 > slowest.msPerMb) slowest = { name, msPerMb: at5 };
      if (growth > steepest.growth) steepest = { name, growth };
    }
    report[surface] = { ordinaryMsPerMb: base.at(-1), cases: measured };
    rows.push(
      { figure: `${surface}: ordinary input at 5 MB`, value: `${base.at(-1)!.toFixed(0)} ms/MB` },
      { figure: `${surface}: slowest hostile at 5 MB (${slowest.name}) / ordinary`, value: ratio(slowest.msPerMb / base.at(-1)!) },
      { figure: `${surface}: steepest growth, 1 → 5 MB (${steepest.name})`, value: ratio(steepest.growth), target: '≈ 1× (linear)' },
    );
  }
  printTable('Hostile input (time per MB; growth 1.00× is linear)', rows);
  mkdirSync(join(projectRoot, 'bench-results'), { recursive: true });
  writeFileSync(join(projectRoot, 'bench-results/hostile.json'), JSON.stringify({ sizes: SIZES, msPerMb: report }, null, 2));
}, 1_800_000);

/** Time per MB reading `make(size)` at each size, each repeated until 50 ms have passed for a stable figure. */
function msPerMb(read: (input: string) => unknown, make: (size: number) => string): number[] {
  return SIZES.map((n) => {
    const input = make(n);
    let runs = 0;
    const start = performance.now();
    do {
      try {
        read(input);
      } catch {
        // A refusal is an answer too; its time counts.
      }
      runs++;
    } while (performance.now() - start < 50);
    return (performance.now() - start) / runs / (input.length / 1e6);
  });
}

function repeatTo(text: string, size: number): string {
  return text.repeat(Math.ceil(size / Math.max(1, text.length))).slice(0, size);
}
