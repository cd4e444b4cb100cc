import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { builtinSites } from '../../lib/sites/builtin-sites';
import config from '../../wxt.config';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
const packageJson = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('the README stays true', () => {
  test('it names every built-in site', () => {
    for (const site of builtinSites) expect(readme, site.name).toContain(site.name);
  });

  test('it lists every keyboard command with its default key', () => {
    const manifest = config.manifest as unknown as (env: { mode: string }) => { commands: Record<string, { suggested_key: { default: string } }> };
    const { commands } = manifest({ mode: 'production' });
    expect(Object.keys(commands).sort()).toEqual(['next-change', 'previous-change', 'toggle-highlights']);
    for (const [name, command] of Object.entries(commands)) {
      expect(readme).toContain(`\`${name}\` | ${command.suggested_key.default}`);
    }
  });

  test('its two set-up commands and the scripts it mentions exist', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
    for (const [, script] of readme.matchAll(/npm run ([a-z0-9:]+)/g)) expect(packageJson.scripts, script).toHaveProperty(script!);
  });

  test('its screenshot exists', () => {
    const [, image] = /!\[[^\]]*\]\(([^)]+)\)/.exec(readme)!;
    expect(() => readFileSync(resolve(root, image!))).not.toThrow();
  });
});
