import type { Block } from './blocks';
import type { ChangeSet } from './diff/change-set';

/**
 * Every message between DocDelta's parts, in one map per direction.
 * Content scripts never touch storage; they ask the background.
 */
export interface ToBackground {
  /** The content script read its page; reply with what changed since the baseline. */
  'page-seen': {
    request: { url: string; canonical: string | null; title: string; blocks: Block[] };
    response: PageSeenResponse;
  };
  /** The page is not a tracked docs article (no content root). */
  'page-untracked': { request: Record<string, never>; response: null };
  /** Compare the page with one of its stored versions (the reader chose it); same reply as page-seen. */
  'compare-with': {
    request: { url: string; canonical: string | null; blocks: Block[]; versionId: number };
    response: PageSeenResponse;
  };
  /** "Mark as seen": the current version becomes the baseline. */
  'mark-seen': { request: { url: string; canonical: string | null }; response: null };
}

export interface PageSeenResponse {
  changes: ChangeSet;
  baseline: { capturedAt: number; source: 'visit' | 'feed' } | null;
}

/** Commands the background forwards to the tab's content script. */
export interface ToContent {
  'toggle-highlights': { request: Record<string, never>; response: null };
  'next-change': { request: Record<string, never>; response: null };
  'previous-change': { request: Record<string, never>; response: null };
  /** Redraw the overlay against this stored version of the page. */
  'use-baseline': { request: { versionId: number }; response: null };
}

export type MessageOf<P> = { [K in keyof P & string]: { type: K; payload: P[K] extends { request: infer R } ? R : never } }[keyof P & string];
export type ResponseOf<P, K extends keyof P> = P[K] extends { response: infer R } ? R : never;

export const contentCommands = ['toggle-highlights', 'next-change', 'previous-change'] as const satisfies ReadonlyArray<keyof ToContent>;

export type ContentCommand = (typeof contentCommands)[number];

/** The commands a key press or the toolbar sends (they carry no data). */
export function isContentCommand(value: unknown): value is ContentCommand {
  return typeof value === 'string' && (contentCommands as readonly string[]).includes(value);
}
