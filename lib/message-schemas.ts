import * as v from 'valibot';
import { ARCHIVE_KINDS } from './history/archive-sources';
import type { BlockKind } from './blocks';
import type { FromExtensionPage, ToBackground } from './messages';
import { builtinSites } from './sites/builtin-sites';

// What each request to the background must carry, checked before its handler runs: from the
// extension's own pages (lib/background/extension-pages.ts) and from content scripts
// (lib/background/content-requests.ts). Typed from the contract: a schema that accepts anything
// other than its request's type does not compile. Kept apart from lib/messages.ts, which the
// content script imports, so that valibot stays out of the content script.

const integer = (field: string) => v.pipe(v.number(`${field} must be an integer`), v.safeInteger(`${field} must be an integer`));
const tabId = integer('tabId');
const builtinSiteId = v.picklist(builtinSites.map((site) => site.id), 'unknown site');
const pageKey = v.pipe(v.string('pageKey must be a page key'), v.minLength(1, 'pageKey must be a page key'), v.maxLength(4096, 'pageKey must be a page key'));
const string = (field: string, max: number) => v.pipe(v.string(`${field} must be a string`), v.maxLength(max, `${field} must be a string`));
const selector = v.nullable(string('selector', 500));
const optionalTab = v.optional(v.nullable(tabId), null);
const none = v.object({});
const historySource = v.picklist(ARCHIVE_KINDS, `source must be one of ${ARCHIVE_KINDS.join(', ')}`);

type RequestSchemas = { [K in keyof FromExtensionPage]: v.GenericSchema<unknown, FromExtensionPage[K]['request']> };

export const extensionPageRequests = {
  'tab-state': v.object({ tabId }),
  'tab-command': v.object({ tabId, command: v.picklist(['mark-seen', 'first-change'], 'unknown command') }),
  'set-highlights': v.object({ tabId, on: v.boolean('on must be true or false') }),
  'choose-baseline': v.object({ tabId, versionId: integer('versionId') }),
  'options-state': none,
  // An empty address is no feed.
  'set-feed': v.object({ siteId: builtinSiteId, url: v.pipe(v.nullable(string('url', 2048)), v.transform((url) => url || null)) }),
  'sync-feed': v.object({ siteId: builtinSiteId }),
  'set-site-enabled': v.object({ siteId: builtinSiteId, enabled: v.boolean('enabled must be true or false') }),
  'set-retention': v.pipe(
    v.object({ maxVersions: integer('maxVersions'), maxAgeDays: integer('maxAgeDays'), maxStorageMB: integer('maxStorageMB') }),
    v.check((r) => r.maxVersions >= 2 && r.maxVersions <= 10_000 && r.maxAgeDays >= 0 && r.maxAgeDays <= 36_500, 'keep between 2 and 10,000 versions, for 0 (forever) to 36,500 days'),
    v.check((r) => r.maxStorageMB === 0 || (r.maxStorageMB >= 10 && r.maxStorageMB <= 1_000_000), 'a storage budget is at least 10 MB (0 leaves it to the browser)'),
  ),
  'clear-site': v.object({ siteId: builtinSiteId }),
  'clear-all': none,
  export: none,
  import: v.object({ text: v.string('text must be a string') }),
  'site-changes': v.object({
    period: v.variant('kind', [
      v.object({ kind: v.literal('last-visit') }),
      v.object({ kind: v.literal('days'), days: v.pipe(integer('days'), v.minValue(1, 'period must be last-visit or 1 to 36,500 days'), v.maxValue(36_500, 'period must be last-visit or 1 to 36,500 days')) }),
      v.object({ kind: v.literal('since'), at: v.pipe(integer('at'), v.minValue(0, 'at must be a time')) }),
      v.object({ kind: v.literal('seen') }),
    ], 'period must be last-visit, seen, since a time or 1 to 36,500 days'),
  }),
  'page-timeline': v.object({ pageKey }),
  'version-diff': v.object({ pageKey, fromId: v.nullable(integer('fromId')), toId: v.nullable(integer('toId')) }),
  'open-page': v.object({ pageKey, versionId: integer('versionId') }),
  'add-site': v.object({ input: string('input', 2048), selector, tabId: optionalTab }),
  'remove-site': v.object({ siteId: v.string('siteId must be a string') }),
  'set-site-selector': v.object({ siteId: v.string('siteId must be a string'), selector, tabId: optionalTab }),
  'get-history': v.object({ tabId, source: historySource, older: v.boolean('older must be true or false') }),
  'access-refused': v.object({ origins: v.pipe(v.array(string('origin', 300), 'origins must be a list'), v.maxLength(10, 'origins must be a short list')) }),
  'repository-sites': none,
  'repository-changes': v.object({ siteId: builtinSiteId, days: v.picklist([7, 30], 'days must be 7 or 30') }),
  'repository-file-words': v.object({
    siteId: builtinSiteId,
    file: string('file', 1024),
    base: v.pipe(v.string('base must be a commit'), v.regex(/^[0-9a-f]{40}$/, 'base must be a commit')),
    head: v.pipe(v.string('head must be a commit'), v.regex(/^[0-9a-f]{40}$/, 'head must be a commit')),
  }),
  'follow-site': v.object({ siteId: string('siteId', 300), github: v.optional(v.boolean('github must be true or false'), true) }),
  'unfollow-site': v.object({ siteId: string('siteId', 300) }),
  'set-follow-notify': v.object({ siteId: string('siteId', 300), on: v.boolean('on must be true or false') }),
  'set-follow-archive': v.object({ siteId: string('siteId', 300), on: v.boolean('on must be true or false') }),
  'mark-site-seen': v.object({ siteId: string('siteId', 300) }),
  'set-history-always': v.object({ siteId: string('siteId', 300), source: historySource, on: v.boolean('on must be true or false') }),
} satisfies RequestSchemas;

export type ExtensionPageRequest<K extends keyof FromExtensionPage> = v.InferOutput<(typeof extensionPageRequests)[K]>;

/**
 * Limits on what one page may send, far above any docs page: a 1 MB article is about 150k
 * words. Every stored version may be this large, so the cap bounds what one visit can cost.
 */
export const MAX_BLOCKS = 50_000;
export const MAX_TEXT_CHARS = 2_000_000;

const kinds: BlockKind[] = ['heading', 'paragraph', 'list-item', 'code', 'table-cell'];
const block = v.object({
  kind: v.picklist(kinds, 'unknown block kind'),
  level: v.pipe(v.number('bad block level'), v.integer('bad block level'), v.minValue(0, 'bad block level'), v.maxValue(6, 'bad block level')),
  text: v.pipe(v.string('a block needs text'), v.minLength(1, 'a block needs text')),
}, 'a block must be an object');
const blocks = v.pipe(
  v.array(block, 'blocks must be a list'),
  v.maxLength(MAX_BLOCKS, 'blocks must be a list'),
  v.check((list) => list.reduce((chars, item) => chars + item.text.length, 0) <= MAX_TEXT_CHARS, `This page holds more than ${MAX_TEXT_CHARS / 1e6} million characters of text, more than DocDelta stores for one page.`),
);
// Where the page says it is; the handler checks it is on the origin the browser says the sender is on.
const pageAddress = string('url', 8192);

type ContentSchemas = { [K in keyof ToBackground]: v.GenericSchema<unknown, ToBackground[K]['request']> };

export const contentRequests = {
  'page-seen': v.object({ url: pageAddress, opened: v.optional(v.boolean(), true), title: v.pipe(v.optional(v.nullable(string('title', 4096)), ''), v.transform((title) => title ?? '')), blocks }),
  'page-untracked': none,
  'compare-with': v.object({ url: pageAddress, blocks, versionId: integer('versionId') }),
  'site-rule': v.object({ url: pageAddress }),
  'mark-seen': v.object({ url: pageAddress }),
  'load-overlay': none,
} satisfies ContentSchemas;

export type ContentRequest<K extends keyof ToBackground> = v.InferOutput<(typeof contentRequests)[K]>;
