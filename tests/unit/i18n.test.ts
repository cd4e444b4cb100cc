import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import messages from '../../public/_locales/en/messages.json';
import { counted, translateFrom } from '../../lib/i18n';

const table = messages as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

describe('the UI\'s words', () => {
  test('every $NAME$ in a message has its placeholder, and every placeholder is used', () => {
    for (const [key, entry] of Object.entries(table)) {
      const used = [...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();
      expect(used, key).toEqual(Object.keys(entry.placeholders ?? {}).sort());
    }
  });

  test('the manifest\'s __MSG_…__ names exist', () => {
    // The manifest's own fields, and the commands' descriptions it takes from lib/shortcuts.ts.
    const config = ['../../wxt.config.ts', '../../lib/shortcuts.ts'].map((file) => readFileSync(resolve(import.meta.dirname, file), 'utf8')).join('\n');
    const names = [...config.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(table, name).toHaveProperty(name);
  });

  test('substitutions land where the browser would put them', () => {
    const t = translateFrom(table);
    expect(t('summaryChanges', [12, 3, counted(t, 4, 'Place'), 'your last visit (Nov 20)'])).toBe('+12 −3 words in 4 places since your last visit (Nov 20)');
    expect(t('summaryChanges', [2, 0, counted(t, 1, 'Place'), 'your last visit (Nov 20)'])).toBe('+2 −0 words in 1 place since your last visit (Nov 20)');
    // Every counted noun reads right for one and for many.
    expect(t('siteUsage', [counted(t, 1, 'Page'), counted(t, 1, 'Version'), '2 KB'])).toBe('1 page, 1 version, 2 KB');
    expect(t('syncResult', ['DRF', counted(t, 3, 'Page'), counted(t, 1, 'NewVersion')])).toBe('DRF: 3 pages checked, 1 new version.');
    expect(t('navPosition', [3, 12])).toBe('3 of 12');
  });
});
