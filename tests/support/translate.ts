import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { translateFrom } from '../../lib/i18n';

/** The extension's English strings, looked up as the browser's i18n would. */
export const englishT = translateFrom(JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')));
