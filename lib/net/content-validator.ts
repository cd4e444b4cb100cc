/**
 * The validator DocDelta may send back to ask for a kept answer again (`If-None-Match`): only
 * an ETag it can tell is a hash of the answer's own bytes (SHA-1 or SHA-256, hex, weak or
 * strong). Any other ETag, and every Last-Modified date, could be a mark the server made for
 * this reader, which sending back would carry past cleared cookies: none is sent then (the
 * request is whole, as a first one is).
 */
export async function contentValidator(kept: { bytes: Uint8Array; etag: string | null }): Promise<string | null> {
  const tag = kept.etag?.replace(/^W\//, '').replace(/^"(.*)"$/, '$1').toLowerCase() ?? '';
  const algorithm = /^[0-9a-f]{40}$/.test(tag) ? 'SHA-1' : /^[0-9a-f]{64}$/.test(tag) ? 'SHA-256' : null;
  if (!algorithm) return null;
  const digest = new Uint8Array(await crypto.subtle.digest(algorithm, kept.bytes as BufferSource));
  const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return hex === tag ? kept.etag : null;
}
