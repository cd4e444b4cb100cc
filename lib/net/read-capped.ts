/**
 * A response body read while it streams, refused with `tooLarge()` as soon as it passes
 * `maxBytes` (or when its Content-Length already says so), whatever the server claims:
 * an endless body costs at most `maxBytes` of memory.
 */
export async function readCapped(response: Response, maxBytes: number, tooLarge: () => Error): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const reader = response.body?.getReader();
  return reader ? readStreamCapped(reader, maxBytes, tooLarge) : new Uint8Array(0);
}

/** Every chunk of a stream, joined, cancelling it with `tooLarge()` once it passes `maxBytes`. */
export async function readStreamCapped(reader: ReadableStreamDefaultReader<Uint8Array>, maxBytes: number, tooLarge: () => Error): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
