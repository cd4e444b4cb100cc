import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { ARCHIVE_KINDS, ARCHIVE_SOURCES, alwaysKey } from '../../lib/history/archive-sources';
import { historyOffers } from '../../lib/history/history-offers';
import { extensionPageRequests } from '../../lib/message-schemas';
import { settingProblem } from '../../lib/backup/backup-settings';
import { sinceBaseline, sourceName } from '../../lib/version-words';
import { englishT } from '../support/translate';

// The archives are declared once (lib/history/archive-sources.ts); what lists them follows.
const messages = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, unknown>;

describe('the archives, declared once', () => {
  test('the popup\'s request takes exactly the declared kinds', () => {
    for (const kind of ARCHIVE_KINDS) expect(v.safeParse(extensionPageRequests['get-history'], { tabId: 1, source: kind, older: false }).success).toBe(true);
    const refused = v.safeParse(extensionPageRequests['get-history'], { tabId: 1, source: 'feed', older: false });
    expect(refused.success).toBe(false);
    expect(refused.issues?.[0]?.message).toBe(`source must be one of ${ARCHIVE_KINDS.join(', ')}`);
  });

  test('a site is offered each archive that fits it, in the declared order', () => {
    expect(historyOffers({ github: { repo: 'encode/django-rest-framework', files: () => [] } as never }).map((offer) => offer.kind)).toEqual(ARCHIVE_KINDS);
    expect(historyOffers({}).map((offer) => offer.kind)).toEqual(ARCHIVE_SOURCES.filter((source) => source.repoFor({}) !== false).map((source) => source.kind));
  });

  test('each has its words, and an "always" switch a backup may hold', () => {
    for (const source of ARCHIVE_SOURCES) {
      expect(messages[source.words.source], source.words.source).toBeDefined();
      expect(messages[source.words.since], source.words.since).toBeDefined();
      expect(sourceName(source.kind, englishT)).not.toBe('');
      expect(sinceBaseline({ source: source.kind, capturedAt: Date.UTC(2026, 0, 2) }, englishT, 'sinceVisit', 'en-US')).toContain('2026');
      expect(settingProblem(alwaysKey(source.kind, 'django-rest-framework'), true)).toBeNull();
    }
    expect(settingProblem('history-feed:django-rest-framework', true)).toBe('"history-feed:django-rest-framework" is not a setting DocDelta has');
  });
});
