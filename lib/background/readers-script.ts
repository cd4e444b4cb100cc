import type { PublishedReaders } from '../published/published-readers';

/** Where the readers' script (entrypoints/readers.ts) leaves them. */
export const READERS_GLOBAL = '__docdeltaReaders';
/** The readers' script, as the build writes it. */
const READERS_PATH = '/readers.js';

declare function importScripts(...urls: string[]): void;

/**
 * Loads the readers from their script when first asked, once. Chromium's service worker
 * refuses `import()`, and `importScripts` after installation only for a script it already
 * imported while installing, so the worker imports it once at install (`importReadersAtInstall`)
 * and again, from its own copy, in each later life that needs it. Firefox's background is a
 * page: the script is added to it.
 */
export function readersFromScript(url: (path: typeof READERS_PATH) => string): () => Promise<PublishedReaders> {
  let loading: Promise<PublishedReaders> | null = null;
  return () =>
    (loading ??= loadScript(url(READERS_PATH)).then(held, (error: unknown) => {
      // A failed load is tried again at the next need, not remembered.
      loading = null;
      throw error;
    }));
}

/** In a service worker: imports the readers' script while installing, so later lives may import it (see readersFromScript). */
export function importReadersAtInstall(url: (path: typeof READERS_PATH) => string): void {
  if (typeof importScripts !== 'function') return;
  self.addEventListener('install', () => importScripts(url(READERS_PATH)));
}

function held(): PublishedReaders {
  const readers = (globalThis as Record<string, unknown>)[READERS_GLOBAL] as PublishedReaders | undefined;
  if (!readers) throw new Error('DocDelta\'s readers did not load');
  return readers;
}

async function loadScript(url: string): Promise<void> {
  if ((globalThis as Record<string, unknown>)[READERS_GLOBAL]) return;
  if (typeof importScripts === 'function') return importScripts(url);
  await new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('DocDelta\'s readers could not be loaded'));
    document.head.append(script);
  });
}
