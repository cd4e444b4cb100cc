import type { Translate } from './i18n';

/** "Moved here from above", with the section it came from or went to when it has one (the overlay's tags and the changes page's hunks). */
export function movedLabel(t: Translate, key: 'movedHereFromAbove' | 'movedHereFromBelow' | 'movedAwayUp' | 'movedAwayDown', section: string | null): string {
  return section ? t(`${key}Section`, [section.slice(0, 60)]) : t(key);
}
