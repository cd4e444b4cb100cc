import type { Block, BlockKind } from '../blocks';
import type { BlockArchive, StoredBlock } from './schema';

type Packed = Array<[id: number, kind: BlockKind, level: number, text: string]>;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const output = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

/** Packs blocks into one deflate-compressed archive record. */
export async function packArchive(pageKey: string, blocks: readonly StoredBlock[]): Promise<BlockArchive> {
  const packed: Packed = blocks.map((b) => [b.id!, b.kind, b.level, b.text]);
  const data = await pipe(new TextEncoder().encode(JSON.stringify(packed)), new CompressionStream('deflate-raw'));
  return { pageKey, ids: blocks.map((b) => b.id!), data };
}

/** The blocks inside an archive, by id. */
export async function unpackArchive(archive: BlockArchive): Promise<Map<number, Block>> {
  const json = new TextDecoder().decode(await pipe(archive.data, new DecompressionStream('deflate-raw')));
  const packed = JSON.parse(json) as Packed;
  return new Map(packed.map(([id, kind, level, text]) => [id, { kind, level, text }]));
}
