// Makes sure the browsers DocDelta's demo and tests drive are installed: Debian's Chromium and
// Firefox ESR. Where one is missing and this runs as root on Debian/Ubuntu, it installs it with
// apt-get (as .ci/run always did); otherwise it says in one line what to run, and fails.
//   npx jiti scripts/ensure-browsers.ts [chromium] [firefox]   (both when none is named)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

type Browser = { pkg: string; env: string; paths: string[] };

const browsers: Record<'chromium' | 'firefox', Browser> = {
  chromium: { pkg: 'chromium', env: 'CHROMIUM_PATH', paths: ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'] },
  firefox: { pkg: 'firefox-esr', env: 'FIREFOX_PATH', paths: ['/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox-esr', '/usr/bin/firefox'] },
};

/** Installs what is missing of `names`; returns false (having said why) when it cannot. */
export function ensureBrowsers(names: ReadonlyArray<keyof typeof browsers> = ['chromium', 'firefox']): boolean {
  const found = (b: Browser) => [process.env[b.env], ...b.paths].some((path) => path && existsSync(path));
  const missing = names.map((name) => browsers[name]).filter((b) => !found(b));
  if (missing.length === 0) return true;
  const packages = missing.map((b) => b.pkg);
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(`Missing ${packages.join(' and ')}: run "sudo apt-get install -y ${packages.join(' ')}" (or set ${missing.map((b) => b.env).join(' / ')}).`);
    return false;
  }
  console.log(`Installing ${packages.join(' and ')} from apt…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...packages]]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) {
      console.error(`"apt-get ${args.join(' ')}" failed: install ${packages.join(' ')} yourself.`);
      return false;
    }
  }
  return missing.every(found);
}

if (import.meta.filename === process.argv[1]) {
  const named = process.argv.slice(2).filter((name): name is keyof typeof browsers => name in browsers);
  process.exit(ensureBrowsers(named.length ? named : undefined) ? 0 : 1);
}
