import type { Block } from './blocks';
import type { TimelineEntry } from './store/page-timeline';
import type { HistorySourceKind, VersionSource } from './store/schema';
import type { HistoryOffer } from './history/history-offers';
import type { RepositoryChanges } from './history/repository-changes';
import type { Backup } from './backup/backup-schema';
import type { ChangesPeriod, SiteChanges } from './changes/site-changes';
import type { FollowSourceKind } from './follow/follow-record';
import type { TextDiff } from './changes/text-hunks';
import type { CustomSite } from './sites/custom-sites';
import type { ImportReport } from './backup/import-backup';
import type { Retention } from './store/retention';
import type { SiteUsage } from './store/storage-usage';
import type { ChangeSet } from './diff/change-set';
import { SHORTCUT_COMMANDS, type ShortcutCommand } from './shortcuts';

/**
 * Every message between DocDelta's parts, in one map per direction.
 * Content scripts never touch storage; they ask the background.
 */

/** One site as the options page shows it (the answer to options-state). */
export interface SiteOptions {
  id: string;
  name: string;
  enabled: boolean;
  feed: { url: string; lastSync: number | null; error: string | null } | null;
  /** What the site's history takes, in the browser's terms (DocDelta's count times the browser's scale, as the budget is kept). */
  usage: Omit<SiteUsage, 'siteId'> | null;
  history: SiteHistorySources;
}

/** A site whose docs folder's history can be asked of its repository. */
export interface RepositorySite {
  siteId: string;
  siteName: string;
  repo: string;
  folder: string;
}

/** The archives a site's pages can be asked for, and those asked on every first visit (Options, "always"). */
export interface SiteHistorySources {
  offers: HistoryOffer[];
  always: HistorySourceKind[];
}

export interface OptionsState {
  sites: SiteOptions[];
  /** Sites the reader added, with what DocDelta stores for them. */
  customSites: Array<CustomSite & { usage: Omit<SiteUsage, 'siteId'> | null; history: SiteHistorySources }>;
  retention: Retention;
  /** The browser's own estimate for the extension's origin, when it gives one. */
  estimate: { usage: number; quota: number } | null;
  /** Feed files kept to revalidate and to read offline (bounded; freed first when storage is full). */
  feedCache: { files: number; bytes: number };
  /** The sites the reader follows, each source with how its checks go. */
  follows: FollowedSiteOptions[];
}

export interface FollowedSiteOptions {
  siteId: string;
  siteName: string;
  followedAt: number;
  notify: boolean;
  /** The reader turned the Internet Archive on for this site. */
  archive: boolean;
  /** When the reader was last told of its changes (null: never). */
  notifiedAt: number | null;
  sources: Array<{ kind: FollowSourceKind; name: string; lastCheck: number | null; nextAt: number; error: string | null; requestsToday: number }>;
}

/** Whether the tab's site is followed, and what following it would ask (null: nothing DocDelta knows holds its history). */
export interface FollowOffer {
  following: boolean;
  repo: string | null;
  /** The site has a feed (set in Options): following reads its index at most hourly. */
  feed: boolean;
}

export interface ToBackground {
  /** The content script read its page; reply with what changed since the baseline. */
  'page-seen': {
    request: { url: string; opened?: boolean; title: string; blocks: Block[] };
    response: PageSeenResponse;
  };
  /** The page is not a tracked docs article (no content root). */
  'page-untracked': { request: Record<string, never>; response: null };
  /** Compare the page with one of its stored versions (the reader chose it); same reply as page-seen. */
  'compare-with': {
    request: { url: string; blocks: Block[]; versionId: number };
    response: PageSeenResponse;
  };
  /** For a page on a site the reader added: where its article is (null: not tracked). */
  'site-rule': { request: { url: string }; response: { contentRoots: string[] } | null };
  /** "Mark as seen": the current version becomes the baseline. */
  'mark-seen': { request: { url: string }; response: null };
  /** The page has changes to draw: put the overlay's code into the content script's world (once per page load). */
  'load-overlay': { request: Record<string, never>; response: null };
}

export interface PageSeenResponse {
  changes: ChangeSet;
  /** `unmatched`: a first visit whose live page is none of the feed's versions, compared with the feed's newest. */
  baseline: { versionId: number; capturedAt: number; source: VersionSource; unmatched?: boolean } | null;
  /** The reader's choice for this site (the popup's "Highlights" switch). */
  highlights: boolean;
  /** The stored version that is what the page shows now (null when nothing is stored). */
  currentVersionId: number | null;
}

/** What a tab's content script knows of its page, for the extension's own pages. */
export interface PageSummary {
  url: string;
  title: string;
  changes: number;
  addedWords: number;
  removedWords: number;
  /** Words of passages that moved (counted neither as added nor as removed). */
  movedWords: number;
  baseline: PageSeenResponse['baseline'];
  currentVersionId: number | null;
  highlightsShown: boolean;
}

/** A tracked page DocDelta read and found no article in. */
export interface PageWithoutArticle {
  url: string;
  noArticle: true;
}

/** What the popup shows for a tab. */
export type TabState =
  | { kind: 'untracked'; /** The tab's origin when DocDelta could track it (http or https). */ origin: string | null }
  | { kind: 'private' }
  /** DocDelta could not store this page; `message` says why. */
  | { kind: 'problem'; message: string }
  /** DocDelta has not finished reading the page yet. */
  | { kind: 'reading' }
  /** DocDelta read the page and found no article; `site` is what a reader could fix (their own site's selector). */
  | { kind: 'no-article'; site: { id: string; name: string; custom: boolean; selector: string | null } | null }
  | { kind: 'tracked'; siteId: string; siteName: string; highlightsOn: boolean; page: PageSummary; timeline: readonly TimelineEntry[]; history: SiteHistorySources; follow: FollowOffer };

/**
 * Requests only the extension's own pages (popup, options, changes) may
 * make: the background checks the sender is one of them.
 */
export interface FromExtensionPage {
  'tab-state': { request: { tabId: number }; response: TabState };
  'tab-command': { request: { tabId: number; command: 'mark-seen' | 'first-change' }; response: null };
  'set-highlights': { request: { tabId: number; on: boolean }; response: null };
  'choose-baseline': { request: { tabId: number; versionId: number }; response: null };
  'options-state': { request: Record<string, never>; response: OptionsState };
  'set-feed': { request: { siteId: string; url: string | null }; response: null };
  'sync-feed': { request: { siteId: string }; response: { pages: number; added: number; error: string | null } };
  'set-site-enabled': { request: { siteId: string; enabled: boolean }; response: null };
  'set-retention': { request: Retention; response: { dropped: number } };
  'clear-site': { request: { siteId: string }; response: { pages: number } };
  'clear-all': { request: Record<string, never>; response: null };
  export: { request: Record<string, never>; response: Backup };
  import: { request: { text: string }; response: ImportReport };
  'site-changes': { request: { period: ChangesPeriod }; response: SiteChanges[] };
  'page-timeline': { request: { pageKey: string }; response: readonly TimelineEntry[] };
  /** `fromId` null: the page as new (no earlier text); `toId` null: the page as removed. */
  'version-diff': { request: { pageKey: string; fromId: number | null; toId: number | null }; response: TextDiff };
  /** Opens the live page in a new tab, its overlay against this version. */
  'open-page': { request: { pageKey: string; versionId: number }; response: null };
  /** Track a site the reader chose (its permission already granted from their click). */
  'add-site': { request: { input: string; selector: string | null; tabId: number | null }; response: CustomSite };
  'remove-site': { request: { siteId: string }; response: null };
  /** The article selector of a site the reader added; the tab is read again with it. */
  'set-site-selector': { request: { siteId: string; selector: string | null; tabId: number | null }; response: CustomSite };
  /**
   * "Get this page's history": the tab's page from one of its site's archives (its hosts already
   * granted from the reader's click), then compared with it; `older`: the versions before the
   * oldest the timeline has from that source. `skipped` says which listed versions were not used.
   */
  'get-history': { request: { tabId: number; source: HistorySourceKind; older: boolean }; response: { added: number; skipped: string[] } };
  /** The reader refused these hosts in the browser's prompt: work the same click sent is dropped. */
  'access-refused': { request: { origins: string[] }; response: null };
  /** The changes page's repositories section: built-in sites with a known repository that the reader has pages of. */
  'repository-sites': { request: Record<string, never>; response: RepositorySite[] };
  /** "What changed in … in the last N days": the docs folder's changed files, from GitHub (its hosts granted from the click). */
  'repository-changes': { request: { siteId: string; days: number }; response: RepositoryChanges };
  /** One changed file's words, between the two ends of the period. */
  'repository-file-words': { request: { siteId: string; file: string; base: string; head: string }; response: { addedWords: number; removedWords: number } };
  /** "Follow this site": its repository's new commits are checked from then on (GitHub's hosts granted from the click). */
  'follow-site': { request: { siteId: string; /** Through GitHub too (false: the reader refused its hosts; the feed alone). */ github?: boolean }; response: null };
  'unfollow-site': { request: { siteId: string }; response: null };
  /** Options: a notification when a followed site changes (the permission asked at the click). */
  'set-follow-notify': { request: { siteId: string; on: boolean }; response: null };
  /** Options: also read the Internet Archive's captures of a followed site, daily (its hosts granted from the click). */
  'set-follow-archive': { request: { siteId: string; on: boolean }; response: null };
  /** "Mark all as seen" for a followed site: its changes so far are no longer new. */
  'mark-site-seen': { request: { siteId: string }; response: null };
  /** Options → Sites: ask this source on every first visit to the site's pages (its hosts granted from the click). */
  'set-history-always': { request: { siteId: string; source: HistorySourceKind; on: boolean }; response: null };
}

/** Commands the background forwards to the tab's content script. */
export interface ToContent {
  'next-change': { request: Record<string, never>; response: null };
  'previous-change': { request: Record<string, never>; response: null };
  /** Redraw the overlay against this stored version of the page. */
  'use-baseline': { request: { versionId: number }; response: null };
  /** Describe the page (null when it is not a tracked article or not read yet). */
  describe: { request: Record<string, never>; response: PageSummary | PageWithoutArticle | null };
  /** Show or hide the overlay (the reader's per-site choice). */
  'set-highlights': { request: { on: boolean }; response: null };
  'mark-seen': { request: Record<string, never>; response: null };
  'first-change': { request: Record<string, never>; response: null };
}

/**
 * Every answer the background gives, to content scripts and extension pages alike: the
 * response, or why the request was refused or failed, in words a reader can be shown.
 */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** What a sender does with a `Reply`: its value, or the refusal or failure thrown (no answer at all is one too). */
export function valueOfReply<T>(reply: Reply<T> | undefined, fail: (message: string) => Error = (message) => new Error(message)): T {
  if (!reply?.ok) throw fail(reply?.error ?? 'DocDelta\'s background did not answer');
  return reply.value;
}

export type MessageOf<P> = { [K in keyof P & string]: { type: K; payload: P[K] extends { request: infer R } ? R : never } }[keyof P & string];
export type ResponseOf<P, K extends keyof P> = P[K] extends { response: infer R } ? R : never;

/** DocDelta's keyboard commands (they carry no data): the background toggles the highlights itself and forwards the others as they are. */
export function isShortcutCommand(value: unknown): value is ShortcutCommand {
  return typeof value === 'string' && (SHORTCUT_COMMANDS as readonly string[]).includes(value);
}
