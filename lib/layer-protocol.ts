import type { BaselineWords } from './version-words';
import type { Block } from './blocks';
import type { WordingPart } from './diff/change-set';

/**
 * What the content script tells DocDelta's own frames over the page, and what they answer.
 * The frames are extension pages (cross-origin to the page): the page cannot read, search or
 * style what they show. The content script measures the page and sends geometry and text;
 * the frames draw. Everything here is plain data, sent over a MessagePort.
 */

/** The two frames: the paint layer over the article, and the navigator with its map of the page's changes. */
export type LayerRole = 'paint' | 'panel';

/** The first message a frame accepts, carrying the port every later message uses. */
export const LAYER_CONNECT = 'docdelta-layer-connect';

export interface LayerConnect {
  type: typeof LAYER_CONNECT;
  role: LayerRole;
}

export function isLayerConnect(data: unknown): data is LayerConnect {
  if (typeof data !== 'object' || data === null) return false;
  const { type, role } = data as Record<string, unknown>;
  return type === LAYER_CONNECT && (role === 'paint' || role === 'panel');
}

/** Added page text of one change and the boxes it occupies, in the paint layer's coordinates. */
export interface AddedMark {
  change: number;
  /** The page's own text under the boxes (the test contract's `data-docdelta-added`). */
  text: string;
  /** x, y, width, height of each line box, flattened. */
  rects: number[];
}

/** A passage that moved here: the page's text under the boxes, and where it came from. */
export interface MovedMark {
  change: number;
  /** The page's own text under the boxes (`data-docdelta-moved`). */
  text: string;
  /** x, y, width, height of each line box, flattened. */
  rects: number[];
  /** The heading it stood under before, if any. */
  from: string | null;
  direction: 'up' | 'down';
  /** The passage's first block: its mark carries the tag. */
  first: boolean;
}

/**
 * What a removed mark holds: whole blocks that are gone, changed blocks' old wordings, or
 * the place a passage moved away from (only a small tag: its text is where it went).
 */
export type RemovedContent =
  | { kind: 'blocks'; blocks: Block[] }
  | { kind: 'wording'; wordings: WordingPart[][] }
  | { kind: 'moved-away'; direction: 'up' | 'down'; to: string | null };

/** Removed text of one change, shown at the edge of the block it stood next to. */
export interface RemovedMark {
  change: number;
  x: number;
  y: number;
  width: number;
  content: RemovedContent;
}

/** Where one change is on the page, for the navigator's map. */
export interface ChangeMarker {
  /** Position on the page, 0 (top) to 1 (bottom). */
  fraction: number;
  removedOnly: boolean;
  /** A passage that moved (drawn in the moved colour). */
  moved: boolean;
}

/** What the navigator shows. */
export interface PanelState {
  /** Too many changes to show inline: only the summary, no stepping. */
  tooMany: boolean;
  total: number;
  /** Changes inside closed sections or other tabs; stepping to one names what opens it. */
  tucked: number;
  /** The change in view, or -1 before the reader moved. */
  current: number;
  section: string | null;
  /** Changes since what: the navigator's frame words it ("since your visit of Nov 20, 14:03"). */
  since: BaselineWords | null;
  addedWords: number;
  removedWords: number;
}

/** Content script → frame. A paint layer gets its marks in slices, the newest first kept. */
export type ToLayer =
  | { type: 'paint'; added: AddedMark[]; removed: RemovedMark[]; moved: MovedMark[]; reset: boolean; done: boolean; current: number }
  | { type: 'current'; current: number }
  | { type: 'panel'; state: PanelState }
  | { type: 'markers'; markers: ChangeMarker[]; current: number };

/** Frame → content script: the reader's clicks (trusted input inside DocDelta's own document). */
export type FromLayer =
  | { type: 'ready' }
  | { type: 'previous' }
  | { type: 'next' }
  | { type: 'mark-seen' }
  | { type: 'hide' }
  | { type: 'select'; index: number };

export function isFromLayer(data: unknown): data is FromLayer {
  if (typeof data !== 'object' || data === null) return false;
  const { type, index } = data as Record<string, unknown>;
  if (type === 'select') return Number.isSafeInteger(index) && (index as number) >= 0;
  return type === 'ready' || type === 'previous' || type === 'next' || type === 'mark-seen' || type === 'hide';
}
