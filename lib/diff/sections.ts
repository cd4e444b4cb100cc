import type { Block } from '../blocks';

/** For each block, the text of the nearest heading at or before it. */
export function sectionHeadings(blocks: readonly Block[]): Array<string | null> {
  let heading: string | null = null;
  return blocks.map((block) => {
    if (block.kind === 'heading') heading = block.text;
    return heading;
  });
}
