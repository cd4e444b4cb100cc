import type { Block, BlockKind } from '../blocks';

const KINDS: ReadonlySet<string> = new Set<BlockKind>(['heading', 'paragraph', 'list-item', 'code', 'table-cell']);

/**
 * Limits on what one page may send, far above any docs page: a 1 MB article
 * is about 150k words. Every stored version may be this large, so the cap
 * bounds what one visit can cost.
 */
export const MAX_BLOCKS = 50_000;
export const MAX_TEXT_CHARS = 2_000_000;

export class InvalidMessageError extends Error {
  override name = 'InvalidMessageError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalString(value: unknown, field: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || value.length > max) throw new InvalidMessageError(`${field} must be a string`);
  return value;
}

/** Checks a content script's block list before anything is stored. */
export function validateBlocks(value: unknown): Block[] {
  if (!Array.isArray(value) || value.length > MAX_BLOCKS) throw new InvalidMessageError('blocks must be a list');
  let chars = 0;
  return value.map((item: unknown) => {
    if (!isRecord(item)) throw new InvalidMessageError('a block must be an object');
    const { kind, level, text } = item;
    if (typeof kind !== 'string' || !KINDS.has(kind)) throw new InvalidMessageError('unknown block kind');
    if (typeof level !== 'number' || !Number.isInteger(level) || level < 0 || level > 6) throw new InvalidMessageError('bad block level');
    if (typeof text !== 'string' || text.length === 0) throw new InvalidMessageError('a block needs text');
    chars += text.length;
    if (chars > MAX_TEXT_CHARS) throw new InvalidMessageError(`This page holds more than ${MAX_TEXT_CHARS / 1e6} million characters of text, more than DocDelta stores for one page.`);
    return { kind: kind as BlockKind, level, text };
  });
}

export function payloadOf(message: unknown): Record<string, unknown> {
  if (!isRecord(message) || !isRecord(message.payload)) throw new InvalidMessageError('malformed message');
  return message.payload;
}

/**
 * The page URL a content script reports. Client-side navigation changes it
 * without the browser's sender URL following, so the script's own URL is
 * used, but only within the origin the browser says the sender is on.
 */
export function pageUrl(value: unknown, senderUrl: string): string {
  if (typeof value !== 'string' || value.length > 8192) throw new InvalidMessageError('url must be a string');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidMessageError('url is not a URL');
  }
  if (url.origin !== new URL(senderUrl).origin) throw new InvalidMessageError('url is not on the sender\'s origin');
  return url.href;
}
