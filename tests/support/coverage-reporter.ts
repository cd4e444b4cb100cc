import type { Reporter, TestModule } from 'vitest/node';

/**
 * After a run, says per project (per browser for the end-to-end scenarios) how many tests ran,
 * and names each one skipped with the reason its title gives (see tests/support/scenario.ts).
 */
export default class CoverageReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const byProject = new Map<string, { ran: number; failed: number; skipped: string[] }>();
    for (const module of modules) {
      const entry = byProject.get(module.project.name) ?? { ran: 0, failed: 0, skipped: [] };
      byProject.set(module.project.name, entry);
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'skipped') entry.skipped.push(test.fullName);
        else if (state === 'failed') entry.failed++;
        else if (state === 'passed') entry.ran++;
      }
    }
    for (const [project, { ran, failed, skipped }] of byProject) {
      console.log(`coverage ${project}: ${ran} passed, ${failed} failed, ${skipped.length} skipped`);
      for (const name of skipped) console.log(`  skipped: ${name}`);
    }
  }
}
