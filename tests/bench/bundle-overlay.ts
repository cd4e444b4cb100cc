import { build } from 'rolldown';
import { resolve } from 'node:path';

/** Bundles tests/bench/overlay-entry.ts into one script for a plain page. */
export async function bundleOverlay(): Promise<string> {
  const root = resolve(import.meta.dirname, '../..');
  const output = await build({
    input: resolve(import.meta.dirname, 'overlay-entry.ts'),
    resolve: { alias: { '@': root } },
    transform: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    output: { format: 'iife' },
    write: false,
    logLevel: 'silent',
  });
  return output.output[0].code;
}
