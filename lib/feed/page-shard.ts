/** Which page shard lists a page: the first `hexDigits` hex digits of sha256(page key), or "all". */
export async function shardOf(pageKey: string, hexDigits: number): Promise<string> {
  if (hexDigits === 0) return 'all';
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pageKey));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('').slice(0, hexDigits);
}

/** sha256 of a version's bytes, as lowercase hex. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
