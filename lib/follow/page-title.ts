import type { Block } from '../blocks';

/** A page never visited is named by its first heading (as its tab would be), or its address. */
export function titleOf(blocks: readonly Block[], url: string): string {
  return blocks.find((block) => block.kind === 'heading')?.text.slice(0, 300) ?? url;
}
