/** A request the background refuses: malformed, or not what its schema (lib/message-schemas.ts) allows. */
export class InvalidMessageError extends Error {
  override name = 'InvalidMessageError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
