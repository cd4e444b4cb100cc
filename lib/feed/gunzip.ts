import { FeedError } from './feed-error';

/**
 * A feed file's bytes, decompressed when they are gzip (the builder writes
 * `.gz` files; a server that sends them with `Content-Encoding: gzip` has the
 * browser decompress them first, and then they arrive plain). Decompression
 * streams and stops at `maxBytes`, so a small file cannot expand without bound.
 */
export async function gunzipIfCompressed(bytes: Uint8Array, maxBytes: number, url: string): Promise<Uint8Array> {
  if (bytes.byteLength < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > maxBytes) {
        await reader.cancel();
        throw new FeedError(`the file expands to more than ${maxBytes} bytes`, url);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof FeedError) throw error;
    throw new FeedError('the file is damaged gzip', url);
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
