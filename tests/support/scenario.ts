import { test } from 'vitest';
import { capabilitiesOf, scenarioBrowser, type Capabilities } from '../../harness/harness';

/** The browser this run's scenarios drive (named by the Vitest project), and what it can do. */
export const scenario = { browser: scenarioBrowser(), can: capabilitiesOf(scenarioBrowser()) };

const why: Record<keyof Capabilities, string> = {
  netLog: 'the browser keeps no log of its own requests (Firefox has no --log-net-log)',
};

/**
 * A test that needs `capability`: where this run's browser lacks it, it is skipped by
 * construction and its title says why, so the run's coverage report names it.
 */
export function testWhere(capability: keyof Capabilities, name: string, fn: () => Promise<void> | void, timeout?: number): void {
  if (scenario.can[capability]) test(name, fn, timeout);
  else test.skip(`${name} [not in ${scenario.browser}: ${why[capability]}]`, fn);
}
