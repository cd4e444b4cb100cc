import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

// The layer rule (layers.config.js) as a reviewer would meet it: a deliberate cross-layer import
// in a file of each layer is refused with its reason, and the same file's allowed imports pass.
const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('the layers are enforced by lint', () => {
  test('the core imports no shell, not even a type, no UI and no extension API', async () => {
    const file = 'lib/diff/layer-probe.ts';
    expect(await refusals(file, "import { setBadge } from '../background/badge';\nexport const x = setBadge;\n")).toEqual([expect.stringMatching(/core is pure/)]);
    expect(await refusals(file, "import type { TabState } from '../background/tab-state';\nexport type X = TabState;\n")).toEqual([expect.stringMatching(/not even a type/)]);
    expect(await refusals(file, "import { Popup } from '../../components/popup/Popup';\nexport const x = Popup;\n")).toEqual([expect.stringMatching(/no UI component/)]);
    expect(await refusals(file, "import { browser } from 'wxt/browser';\nexport const x = browser;\n")).toEqual([expect.stringMatching(/no extension API/)]);
    expect(await refusals('lib/messages.ts', "import { requestBackground } from './pages/background-request';\nexport const x = requestBackground;\n")).toEqual([expect.stringMatching(/core is pure/)]);
    // Within the core, anything goes.
    expect(await refusals(file, "import { tokenize } from './tokens';\nimport { isBlock } from '../blocks';\nexport const x = [tokenize, isBlock];\n")).toEqual([]);
  });

  test('the content script opens no storage, feed or archive and runs no diff; it may name the diff\'s types', async () => {
    const file = 'lib/content/layer-probe.ts';
    expect(await refusals(file, "import { openDB } from 'idb';\nexport const x = openDB;\n")).toEqual([expect.stringMatching(/never opens storage/)]);
    expect(await refusals(file, "import { sharedDB } from '../store/open-db';\nexport const x = sharedDB;\n")).toEqual([expect.stringMatching(/never opens storage, feeds or archives/)]);
    expect(await refusals(file, "import { parseCdxAnswer } from '../history/wayback';\nexport const x = parseCdxAnswer;\n")).toEqual([expect.stringMatching(/never opens storage, feeds or archives/)]);
    expect(await refusals(file, "import { diffPages } from '../diff/diff-pages';\nexport const x = diffPages;\n")).toEqual([expect.stringMatching(/diff runs in the background/)]);
    expect(await refusals(file, "import type { ChangeSet } from '../diff/change-set';\nexport type X = ChangeSet;\n")).toEqual([]);
  });

  test('components import no shell and open no storage', async () => {
    const file = 'components/popup/LayerProbe.tsx';
    expect(await refusals(file, "import { badgeText } from '../../lib/background/badge';\nexport const x = badgeText;\n")).toEqual([expect.stringMatching(/import no shell/)]);
    expect(await refusals(file, "import { pageTimeline } from '../../lib/store/page-timeline';\nexport const x = pageTimeline;\n")).toEqual([expect.stringMatching(/never open storage/)]);
    expect(await refusals(file, "import type { TimelineEntry } from '../../lib/store/page-timeline';\nimport { countWords } from '../../lib/diff/tokens';\nexport const x: [TimelineEntry?, typeof countWords] = [undefined, countWords];\n")).toEqual([]);
  });
});
