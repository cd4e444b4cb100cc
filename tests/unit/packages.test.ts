import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '../../harness/chromium';

// The store packages, as `npm run zip` (and `npm test`, before this) makes them.
const { name, version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { name: string; version: string };
const output = join(projectRoot, '.output');
const packageOf = (kind: 'chrome' | 'firefox' | 'sources') => join(output, `${name}-${version}-${kind}.zip`);
const unzip = (file: string) => unzipSync(new Uint8Array(readFileSync(file)));
/** The environment of a shell, not of this test run (Vitest sets NODE_ENV=test, which changes a build). */
const shellEnv = () => Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('VITEST')));

function filesUnder(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(folder, path), readFileSync(path));
    }
  };
  walk(folder);
  return files;
}

describe('the store packages', () => {
  test('npm run zip made the Chrome package, the Firefox package and the Firefox sources archive', () => {
    for (const kind of ['chrome', 'firefox', 'sources'] as const) expect(existsSync(packageOf(kind)), kind).toBe(true);
    const chrome = JSON.parse(Buffer.from(unzip(packageOf('chrome'))['manifest.json']!).toString()) as Record<string, unknown>;
    const firefox = JSON.parse(Buffer.from(unzip(packageOf('firefox'))['manifest.json']!).toString()) as { manifest_version: number; browser_specific_settings: { gecko: Record<string, unknown> } };
    expect(chrome.manifest_version).toBe(3);
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(firefox.manifest_version).toBe(3);
    // A stable id, and the declaration of what DocDelta sends: nothing it needs; a page's address to an archive, asked at the reader's click (docs/privacy.md).
    expect(firefox.browser_specific_settings.gecko).toMatchObject({ id: 'docdelta@docdelta.dev', data_collection_permissions: { required: ['none'], optional: ['browsingActivity'] } });
  });

  test('the sources archive rebuilds the Firefox package exactly', () => {
    const folder = mkdtempSync(join(tmpdir(), 'docdelta-sources-'));
    for (const [path, bytes] of Object.entries(unzip(packageOf('sources')))) {
      if (path.endsWith('/')) continue;
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), bytes);
    }
    expect(existsSync(join(folder, 'package-lock.json'))).toBe(true);
    // The installed packages stand in for `npm ci` (the lock file pins the same ones).
    symlinkSync(join(projectRoot, 'node_modules'), join(folder, 'node_modules'), 'dir');
    execFileSync(join(projectRoot, 'node_modules/.bin/wxt'), ['build', '-b', 'firefox'], { cwd: folder, stdio: 'pipe', env: shellEnv() });
    const rebuilt = filesUnder(join(folder, '.output/firefox-mv3'));
    const shipped = new Map(Object.entries(unzip(packageOf('firefox'))).filter(([path]) => !path.endsWith('/')).map(([path, bytes]) => [path, Buffer.from(bytes)]));
    expect([...rebuilt.keys()].sort()).toEqual([...shipped.keys()].sort());
    for (const [path, bytes] of shipped) expect(rebuilt.get(path)!.equals(bytes), path).toBe(true);
  }, 120_000);

  test('web-ext lint finds no error in the Firefox package', () => {
    const folder = mkdtempSync(join(tmpdir(), 'docdelta-firefox-'));
    for (const [path, bytes] of Object.entries(unzip(packageOf('firefox')))) {
      if (path.endsWith('/')) continue;
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), bytes);
    }
    let report: string;
    try {
      report = execFileSync(join(projectRoot, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', folder, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: shellEnv() });
    } catch (error) {
      // web-ext exits non-zero when it finds errors; its report is still on stdout.
      report = (error as { stdout: string }).stdout;
    }
    const { summary, errors, warnings } = JSON.parse(report) as { summary: { errors: number }; errors: unknown[]; warnings: Array<{ code: string; file: string }> };
    expect(errors).toEqual([]);
    expect(summary.errors).toBe(0);
    // The only warnings are the vetted innerHTML uses inside Preact and linkedom (see built-extension.test.ts).
    expect(warnings.filter((warning) => warning.code !== 'UNSAFE_VAR_ASSIGNMENT')).toEqual([]);
  }, 120_000);
});
