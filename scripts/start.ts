/**
 * `npm start`: builds the extension and opens a browser on the bundled demo
 * docs site (real Django REST framework pages, served locally under their
 * real URL). The reader visited an older version of each page two days ago,
 * so what changed since shows at once. One more page was never visited: its
 * history comes from a feed built here from real markdown sources of that page.
 *
 * With no display (or --headless) it saves screenshots and prints their paths.
 *   npm start                          # Chromium, a window if there is a display
 *   npm start -- --browser firefox     # the same demo in Firefox ESR
 *   npm start -- --headless --out docs/images
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../harness/chromium';
import { ensureBrowsers } from './ensure-browsers';
import { runDemo } from './demo';
import { openDemo } from './demo-servers';

const { values } = parseArgs({
  options: {
    browser: { type: 'string', default: 'chromium' },
    headless: { type: 'boolean', default: !process.env.DISPLAY },
    out: { type: 'string', default: 'screenshots' },
    'skip-build': { type: 'boolean', default: false },
  },
});
if (values.browser !== 'chromium' && values.browser !== 'firefox') {
  console.error(`--browser must be chromium or firefox, not ${values.browser}`);
  process.exit(2);
}

if (!ensureBrowsers([values.browser])) process.exit(1);

if (!values['skip-build']) {
  console.log(`Building the extension for ${values.browser}…`);
  const build = spawnSync('npx', ['wxt', 'build', ...(values.browser === 'firefox' ? ['-b', 'firefox'] : [])], { stdio: 'inherit', cwd: projectRoot });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // Headless, Chromium's permission prompt for the archive cannot be answered: the e2e build holds it granted (wxt.config.ts).
  if (values.headless && values.browser === 'chromium') {
    const e2e = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'inherit', cwd: projectRoot });
    if (e2e.status !== 0) process.exit(e2e.status ?? 1);
  }
}

const demo = await openDemo();
await runDemo(demo, { browser: values.browser, headless: values.headless, out: resolve(projectRoot, values.out) });
if (!values.headless) {
  console.log(`DocDelta demo is open: ${demo.seeded.length} docs pages changed since your (seeded) visit two days ago,`);
  console.log(`and ${demo.shown.length - demo.seeded.length} you never opened, showing what changed since the feed's previous version.`);
  console.log('Try Alt+Shift+J / Alt+Shift+K for next/previous change, Alt+Shift+D or the toolbar button to toggle.');
  console.log('Close the browser window to stop.');
}
