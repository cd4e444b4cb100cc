import { FeedError } from './feed-error';
import { readStreamCapped } from '../net/read-capped';

/**
 * A feed file's bytes, decompressed when they are gzip (the builder writes
 * `.gz` files; a server that sends them with `Content-Encoding: gzip` has the
 * browser decompress them first, and then they arrive plain). Decompression
 * streams and stops at `maxBytes`, so a small file cannot expand without bound.
 */
export async function gunzipIfCompressed(bytes: Uint8Array, maxBytes: number, url: string): Promise<Uint8Array> {
  if (bytes.byteLength < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  try {
    return await readStreamCapped(stream.getReader(), maxBytes, () => new FeedError(`the file expands to more than ${maxBytes} bytes`, url));
  } catch (error) {
    if (error instanceof FeedError) throw error;
    throw new FeedError('the file is damaged gzip', url);
  }
}
