import 'fake-indexeddb/auto';
import { describe, expect, test, vi } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import { dropRevokedSources, followSite, runFollowChecks, setFollowArchive, unfollowSite } from '../../lib/background/follow-checks';
import { ARCHIVE_ORIGINS, GITHUB_ORIGINS } from '../../lib/history/history-offers';
import { loadFollow, updateFollow } from '../../lib/store/follows-store';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFeed } from '../../cli/feed/build-feed';
import { snapshotVersions } from '../../cli/feed/snapshot-source';
import { pageUsage } from '../../lib/store/storage-usage';
import { loadCorpus } from '../support/corpus';
import { settingProblem } from '../../lib/backup/backup-settings';
import { openDocDeltaDB } from '../../lib/store/open-db';

const NOW = Date.UTC(2026, 11, 1);

/** The follow's feed state as if it had been followed since `since`: its check then reads every page changed after. */
async function updateFollowSince(db: Awaited<ReturnType<typeof openDocDeltaDB>>, since: number) {
  await updateFollow(db, 'django-rest-framework', (follow) => ({ ...follow, sources: { feed: { ...follow.sources.feed!, since } } }));
}

/** A browser whose grants a test sets, and that records every request DocDelta sends. */
function fakeBrowser(granted: Set<string>) {
  const badge: string[] = [];
  const browser = {
    permissions: { contains: vi.fn(async ({ origins = [] as string[], permissions = [] as string[] }) => [...origins, ...permissions].every((item) => granted.has(item))) },
    action: { setBadgeText: vi.fn(async ({ text }: { text: string }) => void badge.push(text)), setBadgeBackgroundColor: vi.fn(async () => undefined) },
    alarms: { get: vi.fn(async () => undefined), create: vi.fn(async () => undefined) },
    i18n: { getMessage: (key: string) => key },
    runtime: { getURL: (path: string) => `chrome-extension://x${path}` },
  };
  return { browser: browser as unknown as WxtBrowser, badge };
}

describe('what following asks, and when it stops', () => {
  test('nothing is sent for a source whose hosts are not granted, and revoking them unfollows by it', async () => {
    const db = await openDocDeltaDB('follow-checks-1');
    const granted = new Set([...GITHUB_ORIGINS, ...ARCHIVE_ORIGINS]);
    const { browser } = fakeBrowser(granted);
    const sent: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: unknown) => (sent.push(String(url)), new Response('[]', { status: 200 }))));
    try {
      await followSite(browser, db, 'django-rest-framework', NOW);
      await setFollowArchive(db, 'django-rest-framework', true, NOW);
      expect(Object.keys((await loadFollow(db, 'django-rest-framework'))!.sources).sort()).toEqual(['archive', 'github']);

      // The archive's hosts taken back: its checks stop at once, GitHub's go on.
      for (const origin of ARCHIVE_ORIGINS) granted.delete(origin);
      await runFollowChecks(browser, db, NOW + 1);
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((url) => url.startsWith('https://api.github.com/'))).toBe(true);
      await dropRevokedSources(browser, db);
      expect(Object.keys((await loadFollow(db, 'django-rest-framework'))!.sources)).toEqual(['github']);

      // GitHub's too: the follow is gone, and nothing is asked again.
      for (const origin of GITHUB_ORIGINS) granted.delete(origin);
      await dropRevokedSources(browser, db);
      expect(await loadFollow(db, 'django-rest-framework')).toBeNull();
      sent.length = 0;
      await runFollowChecks(browser, db, NOW + 7 * 24 * 3600e3);
      expect(sent).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  test('the reader who refused GitHub still follows a site with a feed, by its feed alone', async () => {
    const db = await openDocDeltaDB('follow-checks-3');
    const { browser } = fakeBrowser(new Set(GITHUB_ORIGINS));
    await db.put('feeds', { siteId: 'django-rest-framework', url: 'https://feeds.example.org/drf/index.json', lastSync: null, error: null });
    await followSite(browser, db, 'django-rest-framework', NOW, { github: false });
    expect(Object.keys((await loadFollow(db, 'django-rest-framework'))!.sources)).toEqual(['feed']);
  });

  test('pages a followed feed brings are kept under the reader\'s storage budget', async () => {
    const db = await openDocDeltaDB('follow-checks-4');
    const { browser } = fakeBrowser(new Set());
    // Every DRF page's markdown history as its publisher's feed, and a budget below what it brings
    // (1 MB as the browser counts, which it says is 5× DocDelta's own count).
    const snapshots = mkdtempSync(join(tmpdir(), 'docdelta-budget-snap-'));
    for (const page of loadCorpus()) {
      mkdirSync(join(snapshots, page.slug));
      for (const version of page.versions) if (version.markdownPath) copyFileSync(version.markdownPath, join(snapshots, page.slug, `${version.stem}.md`));
    }
    const feed = mkdtempSync(join(tmpdir(), 'docdelta-budget-feed-'));
    await buildFeed(snapshotVersions(snapshots, 'https://www.django-rest-framework.org/{path}/'), { out: feed, title: 'DRF', now: () => new Date(NOW) });
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 50e6, quota: 1e9 }) } });
    vi.stubGlobal('fetch', vi.fn(async (url: unknown) => {
      const path = join(feed, new URL(String(url)).pathname.replace(/^\/drf\//, ''));
      return existsSync(path) ? new Response(readFileSync(path), { status: 200 }) : new Response('', { status: 404 });
    }));
    try {
      await db.put('feeds', { siteId: 'django-rest-framework', url: 'https://feeds.example.org/drf/index.json', lastSync: null, error: null });
      await db.put('settings', { key: 'retention', value: JSON.stringify({ maxVersions: 200, maxAgeDays: 0, maxStorageMB: 1 }) });
      await followSite(browser, db, 'django-rest-framework', NOW, { github: false });
      // Followed a year before the feed's newest versions: every page changed since.
      await updateFollowSince(db, NOW - 365 * 864e5);
      await runFollowChecks(browser, db, NOW + 1);
      expect((await db.getAll('pages')).length).toBeGreaterThan(0);
      const stored = (await pageUsage(db)).reduce((sum, page) => sum + page.bytes, 0);
      // In the browser's terms (it counts 5× what DocDelta does here), the budget holds 200 KB of DocDelta's count; the feed brought more.
      expect(stored).toBeLessThanOrEqual(1e6 / 5);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  test('a site with nothing to follow it by is refused in plain words; unfollowing a site not followed is harmless', async () => {
    const db = await openDocDeltaDB('follow-checks-2');
    const { browser } = fakeBrowser(new Set());
    await expect(followSite(browser, db, 'python-docs', 0)).rejects.toThrow(/no source to follow Python documentation by/);
    await expect(followSite(browser, db, 'no-such-site', 0)).rejects.toThrow(/does not track/);
    await unfollowSite(browser, db, 'python-docs');
    expect(await loadFollow(db, 'python-docs')).toBeNull();
  });
});

describe('a followed site in a backup', () => {
  test('is imported only when it reads as one, for the site its key names', () => {
    const follow = { siteId: 'react', followedAt: NOW, seenAt: NOW, sources: { github: { nextAt: NOW, lastCheck: null, failures: 0, error: null, requests: [] } } };
    expect(settingProblem('follow:react', JSON.stringify(follow))).toBeNull();
    expect(settingProblem('follow:mdn', JSON.stringify(follow))).toBe('a followed site is not valid');
    expect(settingProblem('follow:react', JSON.stringify({ ...follow, sources: { github: { ...follow.sources.github, failures: -1 } } }))).toBe('a followed site is not valid');
    expect(settingProblem('follow:react', JSON.stringify({ ...follow, __proto__: { polluted: true }, extra: 1 }))).toBe('a followed site is not valid');
    expect(settingProblem('follow:react', true)).toBe('a followed site is not valid');
  });
});
