import { test } from 'vitest';
import { capabilitiesOf, scenarioBrowser, type Capabilities } from '../../harness/harness';

/** The browser this run's scenarios drive (named by the Vitest project), and what it can do. */
export const scenario = { browser: scenarioBrowser(), can: capabilitiesOf(scenarioBrowser()) };

const why: Record<keyof Capabilities, string> = {
  netLog: 'the browser keeps no log of its own requests (Firefox has no --log-net-log)',
  rerunsContentScripts: 'the browser leaves a reloaded extension\'s old content scripts in open pages and runs no new ones there',
  switchOff: 'the browser gives automation no way to switch an extension off (Chromium has no add-on manager API)',
  dynamicResourceUrls: 'the browser has no per-session address for web-accessible files (Firefox\'s holds a per-install id no page can read)',
};

/**
 * A test that needs `capability`: where this run's browser lacks it, it is skipped by
 * construction and its title says why, so the run's coverage report names it.
 */
export function testWhere(capability: keyof Capabilities, name: string, fn: () => Promise<void> | void, timeout?: number): void {
  if (scenario.can[capability]) test(name, fn, timeout);
  else test.skip(`${name} [not in ${scenario.browser}: ${why[capability]}]`, fn);
}

/** Why a test of what a browser does without `capability` does not run in one that has it. */
const whyNot: Record<keyof Capabilities, string> = {
  netLog: 'it keeps a log of its own requests',
  rerunsContentScripts: 'it runs a reloaded extension\'s new content scripts in open pages',
  switchOff: 'a test can switch the extension off there',
  dynamicResourceUrls: 'it serves web-accessible files under a per-session address',
};

/** A test of what a browser does when it lacks `capability` (the other side of testWhere), skipped where it has it. */
export function testWhereNot(capability: keyof Capabilities, name: string, fn: () => Promise<void> | void, timeout?: number): void {
  if (!scenario.can[capability]) test(name, fn, timeout);
  else test.skip(`${name} [not in ${scenario.browser}: ${whyNot[capability]}]`, fn);
}
