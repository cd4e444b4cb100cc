import type messages from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;

/**
 * Looks up a UI string. In the extension this is the browser's i18n; in
 * component tests, the same messages.json read directly.
 */
export type Translate = (key: MessageKey, substitutions?: Array<string | number>) => string;

/** Nouns counted in UI text, each with a `count<Noun>One` and a `count<Noun>Many` message. */
export type CountedNoun = 'Page' | 'Version' | 'NewVersion' | 'Place' | 'Commit';

/** "1 page", "3 pages": the browser's i18n has no plural rules, so each counted noun has two messages. */
export function counted(t: Translate, count: number, noun: CountedNoun): string {
  return count === 1 ? t(`count${noun}One`) : t(`count${noun}Many`, [count]);
}

/** The browser's i18n, for the extension's pages. */
export function browserTranslate(getMessage: (key: string, substitutions?: string[]) => string): Translate {
  return (key, substitutions) => getMessage(key, substitutions?.map(String)) || key;
}

/** A translator over a messages.json object, replacing $NAME$ placeholders as browsers do. */
export function translateFrom(table: Record<string, { message: string; placeholders?: Record<string, { content: string }> }>): Translate {
  return (key, substitutions = []) => {
    const entry = table[key];
    if (!entry) return key;
    return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (__, n: string) => String(substitutions[Number(n) - 1] ?? ''));
    });
  };
}
