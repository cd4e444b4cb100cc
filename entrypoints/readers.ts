import { directReaders } from '@/lib/published/direct-readers';
import { READERS_GLOBAL } from '@/lib/background/readers-script';

// The background's readers of feeds, captures and repository files, a script of their own
// that the background loads when first needed (lib/background/readers-script.ts).
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[READERS_GLOBAL] = directReaders;
});
