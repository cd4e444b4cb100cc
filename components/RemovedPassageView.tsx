import { useState } from 'preact/hooks';
import type { Block } from '@/lib/blocks';
import type { WordingPart } from '@/lib/diff/change-set';

/** Whole blocks that are gone, struck through where they stood. */
export function RemovedBlocks({ blocks }: { blocks: readonly Block[] }) {
  return (
    <div class="removed" role="note" aria-label="Removed text">
      <span class="label">Removed</span>
      {blocks.map((block, i) => (
        <div key={i} class={`line ${block.kind === 'heading' ? 'heading' : block.kind === 'code' ? 'code' : ''}`}>
          <del>{block.text}</del>
        </div>
      ))}
    </div>
  );
}

/** A marker under a changed block that reveals its old wording. */
export function OldWording({ parts }: { parts: readonly WordingPart[] }) {
  const [open, setOpen] = useState(false);
  const removedWords = parts.filter((p) => p.removed).reduce((n, p) => n + p.text.split(' ').length, 0);
  return (
    <div class="wording">
      <button class="toggle" type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {`−${removedWords} word${removedWords === 1 ? '' : 's'} · ${open ? 'hide' : 'show'} old wording`}
      </button>
      <div class="old" hidden={!open}>
        {parts.map((part, i) => (
          <>
            {i > 0 ? ' ' : ''}
            {part.removed ? <del>{part.text}</del> : <span>{part.text}</span>}
          </>
        ))}
      </div>
    </div>
  );
}
