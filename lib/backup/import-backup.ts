import * as v from 'valibot';
import { MAX_VIEWS } from '../baseline';
import type { Block } from '../blocks';
import { checkFeedUrl } from '../feed/feed-urls';
import { parseUntrustedJson } from '../safe-json';
import { type DocDeltaDB, writeTransaction } from '../store/open-db';
import { storeBlocks, versionHash } from '../store/page-history';
import type { View } from '../store/schema';
import { pageKey } from '../page-identity';
import { builtinSites } from '../sites/builtin-sites';
import { BACKUP_FORMAT_VERSION, BACKUP_LIMITS, BackupSchema, type Backup, type BackupPage } from './backup-schema';
import { loadCustomSites } from '../store/custom-sites-store';
import { customSiteRule } from '../sites/custom-sites';
import { customSitesIn, settingProblem } from './backup-settings';
import { kindOfAlwaysPrefix } from '../history/archive-sources';
import { FOLLOW_PREFIX } from '../follow/follow-record';
import { originsFromLegacy } from '../store/version-origins';

export class BackupError extends Error {
  override name = 'BackupError';
}

/** Reads and checks an export file completely before anything is written. */
export function parseBackup(text: string): Backup {
  let value: unknown;
  try {
    value = parseUntrustedJson(text);
  } catch (error) {
    throw new BackupError(`This is not a DocDelta export: ${(error as Error).message}`);
  }
  const format = (value as { version?: unknown } | null)?.version;
  if (typeof format === 'number' && format > BACKUP_FORMAT_VERSION) {
    throw new BackupError(`This export was made by a newer DocDelta (format ${format}); this one reads format ${BACKUP_FORMAT_VERSION}.`);
  }
  const result = v.safeParse(BackupSchema, value);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
    throw new BackupError(`This export is damaged: ${path ? `${path}: ` : ''}${issue.message}`);
  }
  for (const page of result.output.pages) {
    for (const version of page.versions) {
      if (version.blocks.some((index) => index >= page.blocks.length)) throw new BackupError(`This export is damaged: a version of ${page.url} names a block it does not have.`);
    }
    if (page.views.some((view) => view.version >= page.versions.length)) throw new BackupError(`This export is damaged: a visit to ${page.url} names a version it does not have.`);
  }
  let expanded = 0;
  for (const page of result.output.pages) {
    // The page's address must be a web address on the host its history is stored under (the
    // key may differ from the address when an earlier DocDelta followed a canonical link, which never left the host).
    if (!storedUnder(page.url, page.key)) throw new BackupError(`This export is damaged: ${page.url.slice(0, 200)} is not the page ${page.key.slice(0, 200)}.`);
    // Versions name blocks by index: a small file could name one long block millions of times.
    const lengths = page.blocks.map((block) => block[2].length);
    for (const version of page.versions) {
      let size = 0;
      for (const index of version.blocks) size += lengths[index]!;
      expanded += size;
      if (size > BACKUP_LIMITS.versionChars || expanded > BACKUP_LIMITS.importChars) throw new BackupError(`This export is too large to import: its versions hold more than ${BACKUP_LIMITS.importChars / 1e6} million characters of text.`);
    }
  }
  for (const setting of result.output.settings) {
    const problem = settingProblem(setting.key, setting.value);
    if (problem) throw new BackupError(`This export holds a setting DocDelta cannot use: ${problem}.`);
  }
  for (const feed of result.output.feeds) {
    try {
      checkFeedUrl(feed.url);
    } catch (error) {
      throw new BackupError(`This export names a feed DocDelta cannot use: ${(error as Error).message}`);
    }
  }
  return result.output;
}

/** Whether a page at `url` can have its history under `key`: its own key, or a page key on its host. */
function storedUnder(url: string, key: string): boolean {
  if (!/^https?:\/\//i.test(url)) return false;
  try {
    const own = pageKey(url);
    const hostOf = (k: string) => k.split('/', 1)[0];
    return own === key || (hostOf(own) === hostOf(key) && pageKey(`${new URL(url).protocol}//${key}`) === key);
  } catch {
    return false;
  }
}

export interface ImportReport {
  pages: number;
  versionsAdded: number;
  /**
   * Feeds the file names for built-in sites that have none here. They are not set: a feed
   * is fetched on every visit to its site, so the reader confirms each one first.
   */
  feedsOffered: Array<{ siteId: string; url: string }>;
  /**
   * Sites for which the file had a history source on "Always ask" (`history-archive:<site>`,
   * `history-github:<site>`) that is not on here. They are not set: once on, every page the
   * reader opens on the site sends its address to the archive with no click, so only the
   * reader turns one on (Options, per site, with the browser's permission prompt).
   */
  historySwitchesLeft: string[];
  /** Sites the file followed and this browser does not: following sends requests on a schedule, so only the reader's click follows a site. */
  followsLeft: string[];
}

/** Settings that make DocDelta send something without the reader's click: never set from a file. */
const sendsWithoutClick = (key: string) => kindOfAlwaysPrefix(key.slice(0, key.indexOf(':'))) !== null;
const followsSite = (key: string) => key.startsWith(FOLLOW_PREFIX);

/**
 * Merges an export into what is stored, in one transaction: versions whose
 * text a page already has are not added twice, visits are merged, settings
 * already set here are kept, and feeds are only offered (ImportReport). Either
 * all of it lands or none.
 */
export async function importBackup(db: DocDeltaDB, backup: Backup): Promise<ImportReport> {
  const keyOf = await pageKeysFor(db, backup);
  const tx = writeTransaction(db, ['blocks', 'versions', 'pages', 'feeds', 'settings']);
  const versions = tx.objectStore('versions');
  let versionsAdded = 0;
  const feedsOffered: ImportReport['feedsOffered'] = [];
  const historySwitchesLeft = new Set<string>();
  const followsLeft = new Set<string>();
  try {
    for (const filed of backup.pages) {
      // Stored under the key its address gives here (an earlier DocDelta may have filed it under a canonical link).
      const page = { ...filed, key: keyOf.get(filed)! };
      const table: Block[] = page.blocks.map(([kind, level, text]) => ({ kind, level, text }));
      const hashes = page.versions.map((version) => versionHash(version.blocks.map((index) => table[index]!)));
      const known = await Promise.all(hashes.map((hash) => versions.index('byPageHash').getKey([page.key, hash])));
      // The file's block table is the page's text once: each block new versions use is looked up
      // or stored once, not once per version (a page's 100 versions share most of their blocks).
      const used = [...new Set(page.versions.flatMap((version, i) => (known[i] === undefined ? version.blocks : [])))];
      const stored = await storeBlocks(tx.objectStore('blocks'), page.key, used.map((index) => table[index]!));
      const idOf = new Map(used.map((index, i) => [index, stored[i]!]));
      const ids: number[] = [];
      for (const [i, version] of page.versions.entries()) {
        let id = known[i];
        // Two versions of the file with the same text are one.
        if (id === undefined) id = await versions.index('byPageHash').getKey([page.key, hashes[i]!]);
        if (id === undefined) {
          const blockIds = version.blocks.map((index) => idOf.get(index)!);
          const origins = version.origins ?? originsFromLegacy(version);
          const origin = { capturedAt: version.capturedAt, source: version.source, ...(origins.length ? { origins } : {}) };
          id = await versions.add({ pageKey: page.key, hash: hashes[i]!, ...origin, blockCount: blockIds.length, encoding: { full: blockIds } });
          versionsAdded++;
        }
        ids.push(id);
      }
      const existing = await tx.objectStore('pages').get(page.key);
      const imported: View[] = page.views.map((view) => ({ version: ids[view.version]!, first: view.first, last: view.last, ...(view.mark ? { mark: true as const } : {}), ...(view.insecure ? { insecure: true as const } : {}) }));
      const views = mergeViews(existing?.views ?? [], imported);
      const latestVersion = existing?.latestVersion ?? views.at(-1)?.version ?? ids.at(-1)!;
      // What is stored here wins: an import never renames a page's site, address or title.
      await tx.objectStore('pages').put({ ...existing, key: page.key, url: existing?.url ?? page.url, title: existing?.title ?? page.title, siteId: existing?.siteId ?? page.siteId, latestVersion, views });
    }
    for (const feed of backup.feeds) {
      const known = builtinSites.some((site) => site.id === feed.siteId);
      if (known && !(await tx.objectStore('feeds').get(feed.siteId)) && !feedsOffered.some((offer) => offer.siteId === feed.siteId)) feedsOffered.push({ siteId: feed.siteId, url: feed.url });
    }
    for (const setting of backup.settings) {
      if (await tx.objectStore('settings').get(setting.key)) continue;
      if (sendsWithoutClick(setting.key)) historySwitchesLeft.add(setting.key.slice(setting.key.indexOf(':') + 1));
      else if (followsSite(setting.key)) followsLeft.add(setting.key.slice(FOLLOW_PREFIX.length));
      else await tx.objectStore('settings').put(setting);
    }
    await tx.done;
  } catch (error) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw error;
  }
  return { pages: backup.pages.length, versionsAdded, feedsOffered, historySwitchesLeft: [...historySwitchesLeft], followsLeft: [...followsLeft] };
}

/**
 * Each page's key, checked before anything is written: its site must be the site its address
 * belongs to (a built-in one, or one added here or in the file), so a file cannot file a page
 * of one host under another site's name or history. The key is the one the address gives.
 */
async function pageKeysFor(db: DocDeltaDB, backup: Backup): Promise<Map<BackupPage, string>> {
  const sites = [...builtinSites, ...[...(await loadCustomSites(db)), ...customSitesIn(backup.settings)].map(customSiteRule)];
  const siteOf = (url: URL) => sites.find((site) => site.matches(url));
  const keys = new Map<BackupPage, string>();
  for (const page of backup.pages) {
    const site = siteOf(new URL(page.url));
    if (site?.id !== page.siteId) {
      throw new BackupError(`This export is damaged: ${page.url.slice(0, 200)} is not a page of ${page.siteId.slice(0, 100)}${site ? ` (it belongs to ${site.name})` : ''}.`);
    }
    keys.set(page, pageKey(page.url, siteOf));
  }
  return keys;
}

/** Both lists of views, oldest first, each view once. */
function mergeViews(a: readonly View[], b: readonly View[]): View[] {
  const seen = new Set<string>();
  return [...a, ...b]
    .sort((x, y) => x.first - y.first || x.last - y.last)
    .filter((view) => {
      const key = `${view.version}:${view.first}:${view.last}:${view.mark ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(-MAX_VIEWS);
}
