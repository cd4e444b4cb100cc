import { build } from 'rolldown';
import { resolve } from 'node:path';

/** Bundles tests/support/reader-entry.ts into one classic script for a page's main world. */
export async function bundleReader(): Promise<string> {
  const output = await build({
    input: resolve(import.meta.dirname, 'reader-entry.ts'),
    resolve: { alias: { '@': resolve(import.meta.dirname, '../..') } },
    output: { format: 'iife' },
    write: false,
    logLevel: 'silent',
  });
  return output.output[0].code;
}
