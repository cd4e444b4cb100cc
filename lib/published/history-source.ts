import type { HistorySourceKind } from '../history/archive-sources';
import type { Block } from '../blocks';

/** One version of a page that a history source lists, before its text is fetched. */
export interface SourceVersion {
  /** The source's own name for it: a capture's timestamp, a commit's sha. Unique per page. */
  id: string;
  /** When this text was published (captured, committed), ms since the epoch. */
  time: number;
  /** Shown beside the version as text: a commit's subject line; absent for a capture. */
  label?: string;
  /** Where the source holds it, when that is not the page's own address (a capture made under http://). */
  address?: string;
}

/**
 * Somewhere that already holds a page's history: a site's feed (lib/feed/sync-page.ts), the
 * Internet Archive, the docs' source repository. The background asks the page's sources
 * instead of knowing each one; each asks its host only what the reader needs.
 */
export interface HistorySource {
  /** Which kind of source, as the timeline labels its versions. */
  kind: 'feed' | HistorySourceKind;
  /** The host's name as the reader knows it. */
  name: string;
  /** The page's newest `newest` versions, or those older than `before`; newest first. */
  list(options: { newest: number; before?: SourceVersion }): Promise<SourceVersion[]>;
  /**
   * One version's text as blocks, read like the live page, checked to be this page
   * (`live`: the page as the reader has it now).
   */
  read(version: SourceVersion, live: readonly Block[]): Promise<Block[]>;
  /** Requests one `list` call makes at most, and one `read`: what asking costs the host. */
  cost: { list: number; read: number };
}
