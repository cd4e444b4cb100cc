#!/usr/bin/env node
// `npm test`: type-check, lint, build the extension, then every test (unit and
// end-to-end in real Chromium). Stops at the first failing step.
import { spawnSync } from 'node:child_process';

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
  ['tests', 'npx', ['vitest', 'run', '--project', 'unit', '--project', 'e2e', ...process.argv.slice(2)]],
];

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed`);
    process.exit(result.status ?? 1);
  }
}
console.log('\n✔ all checks passed');
