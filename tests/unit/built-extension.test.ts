import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';
import { contentScriptPatterns } from '../../lib/sites/find-site';
import { chromeBuild, projectRoot } from '../../harness/chromium';

// What the store build asks for and ships. `npm test` builds before it tests.
function built(path: string): string {
  const file = join(chromeBuild, path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run "npx wxt build" first`);
  return readFileSync(file, 'utf8');
}

describe('the built extension', () => {
  const manifest = JSON.parse(built('manifest.json')) as Record<string, unknown>;

  test('asks for exactly these permissions, and no more', () => {
    // alarms: followed sites' checks; notifications only when the reader turns notices on.
    expect([...(manifest.permissions as string[])].sort()).toEqual(['activeTab', 'alarms', 'scripting']);
    expect(manifest.optional_permissions).toEqual(['notifications']);
    // The built-in docs sites only, where the content script runs: the overlay's code is run into their tabs.
    expect([...(manifest.host_permissions as string[])].sort()).toEqual(contentScriptPatterns().sort());
    expect([...(manifest.optional_host_permissions as string[])].sort()).toEqual(['http://*/*', 'https://*/*']);
    expect(manifest.content_security_policy).toBeUndefined(); // MV3's default: script-src 'self'
    // One page, the overlay's frames, under Chromium's per-session address only (docs/privacy.md).
    expect(manifest.web_accessible_resources).toEqual([{ resources: ['overlay-frame.html'], matches: ['<all_urls>'], use_dynamic_url: true }]);
    expect(manifest.externally_connectable).toBeUndefined();
    const scripts = manifest.content_scripts as Array<{ matches: string[] }>;
    expect(scripts.flatMap((s) => s.matches).sort()).toEqual(contentScriptPatterns().sort());
  });

  test('no code that parses strings as HTML or code, except where vetted libraries keep it', () => {
    // Preact's renderer handles dangerouslySetInnerHTML (DocDelta never passes it; lint forbids it);
    // linkedom, which parses feed HTML in the background's readers, implements the DOM's HTML setters.
    const vetted: Array<{ file: RegExp; allows: Record<string, number>; why: string }> = [
      { file: /^content-scripts\/content\.js$|^chunks\/.*\.js$/, allows: { innerHTML: 3, dangerouslySetInnerHTML: 2 }, why: 'Preact' },
      { file: /^readers\.js$/, allows: { innerHTML: 11, outerHTML: 2, insertAdjacentHTML: 1 }, why: 'linkedom' },
    ];
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.js') ? [join(dir, entry.name)] : []));
    })(chromeBuild);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const name = relative(chromeBuild, file);
      const code = readFileSync(file, 'utf8');
      const allows = vetted.find((v) => v.file.test(name))?.allows ?? {};
      for (const token of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'dangerouslySetInnerHTML', 'document.write', 'new Function', 'eval(']) {
        const count = code.split(token).length - 1;
        expect(count, `${token} in ${name}`).toBeLessThanOrEqual(allows[token] ?? 0);
      }
    }
  });

  test('the background starts without the readers of feeds and archives, which are a script of their own', () => {
    // Half the worker's code; a page visit never reads HTML or markdown (readers-script.ts).
    const background = readFileSync(join(chromeBuild, 'background.js'), 'utf8');
    const readers = readFileSync(join(chromeBuild, 'readers.js'), 'utf8');
    for (const mark of ['linkedom', 'markdown-it']) {
      expect(background, mark).not.toContain(mark);
      expect(readers, mark).toContain(mark);
    }
  });

  test('lint refuses each of them in DocDelta\'s own code', async () => {
    const eslint = new ESLint({ cwd: projectRoot });
    for (const snippet of [
      'document.body.innerHTML = text;',
      'el.outerHTML = text;',
      'el.insertAdjacentHTML("beforeend", text);',
      'const v = <div dangerouslySetInnerHTML={{ __html: text }} />;',
      'eval(text);',
      'const f = new Function(text);',
      'document.write(text);',
    ]) {
      const [result] = await eslint.lintText(`declare const el: HTMLElement; declare const text: string;\n${snippet}\nexport {};\n`, { filePath: join(projectRoot, 'lib/lint-probe.tsx') });
      expect(result!.messages.map((m) => m.ruleId), snippet).toContain('no-restricted-syntax');
    }
  });
});
