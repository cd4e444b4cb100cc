#!/usr/bin/env node
// `npm test`: browsers, type-check, lint, build the extension, then every test: the unit tests
// and the end-to-end scenarios in real Chromium and real Firefox ESR. The three test runs go side
// by side (the browser runs mostly wait on the browsers), each line prefixed with its run's name.
// Stops at the first failing step; extra arguments go to every test run.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

const steps = [
  // Debian's Chromium and Firefox ESR, installed when missing (see ensure-browsers.ts).
  ['browsers', 'npx', ['jiti', 'scripts/ensure-browsers.ts']],
  ['type-check', 'npx', ['tsc', '--noEmit']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  // Builds both browsers' packages (and the Firefox sources archive) that the package tests check.
  ['build and package for Chrome', 'npx', ['wxt', 'zip']],
  ['build and package for Firefox', 'npx', ['wxt', 'zip', '-b', 'firefox']],
  // The same extension with one fixture host pre-granted, for the permission flows (see wxt.config.ts).
  ['build for permission tests', 'npx', ['wxt', 'build', '--mode', 'e2e']],
];

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed`);
    process.exit(result.status ?? 1);
  }
}

const runs = ['unit', 'e2e-chromium', 'e2e-firefox'];
// Each run has its own process group (so a hung one can be stopped whole): Ctrl-C stops them all.
const groups = [];
process.on('SIGINT', () => {
  for (const pid of groups) try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  process.exit(130);
});
console.log(`\n▶ tests: ${runs.join(', ')}, side by side`);
const results = await Promise.all(runs.map((project) => runPrefixed(project, 'npx', ['vitest', 'run', '--project', project, ...process.argv.slice(2)])));
const failed = runs.filter((_, index) => results[index] !== 0);
if (failed.length) {
  console.error(`\n✖ tests failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\n✔ all checks passed');

/**
 * Runs a command with each line of its output prefixed by `name`; resolves to its exit code. A run
 * still going after 45 minutes is stopped and fails, saying so: a ceiling for hangs, so that CI
 * ends with an answer (a whole run takes about 20 minutes on two cores).
 */
function runPrefixed(name, command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
    groups.push(child.pid);
    const ceiling = setTimeout(() => {
      console.error(`[${name}] still running after 45 minutes: stopped as hung`);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, 45 * 60_000);
    for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      createInterface({ input: stream }).on('line', (line) => out.write(`[${name}] ${line}\n`));
    }
    child.on('close', (code) => {
      clearTimeout(ceiling);
      resolve(code ?? 1);
    });
  });
}
