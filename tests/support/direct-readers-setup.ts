import { directReaders } from '../../lib/published/direct-readers';
import { provideReaders } from '../../lib/published/published-readers';

// Node reads feeds, captures and repository files with the readers themselves; the
// extension's background loads the same code as a script of its own (readers-script.ts).
provideReaders(async () => directReaders);
