import { useState } from 'preact/hooks';
import type { Block } from '@/lib/blocks';
import type { WordingPart } from '@/lib/diff/change-set';
import type { Translate } from '@/lib/i18n';
import { countWords } from '@/lib/diff/tokens';

/** Whole blocks that are gone, struck through where they stood. */
export function RemovedBlocks({ blocks, t }: { blocks: readonly Block[]; t: Translate }) {
  return (
    <div class="removed" role="note" aria-label={t('removedText')}>
      <span class="label">{t('removedLabel')}</span>
      {blocks.map((block, i) => (
        <div key={i} class={`line ${block.kind === 'heading' ? 'heading' : block.kind === 'code' ? 'code' : ''}`}>
          <del>{block.text}</del>
        </div>
      ))}
    </div>
  );
}

/** Longest preview of removed words shown without expanding. */
const PREVIEW_CHARS = 60;

/**
 * A marker under changed blocks: says which words went, and reveals the old
 * wording of each block (removed words struck through) on request.
 */
export function OldWording({ wordings, t }: { wordings: ReadonlyArray<readonly WordingPart[]>; t: Translate }) {
  const [open, setOpen] = useState(false);
  const removed = wordings.flatMap((parts) => parts.filter((part) => part.removed).map((part) => part.text.trim()));
  const count = removed.reduce((n, text) => n + countWords(text), 0);
  const preview = removed.join(' … ');
  const label = count === 0 ? t('removedPunctuation') : count === 1 ? t('removedWordCountOne') : t('removedWordCountMany', [count]);
  return (
    <div class="wording" role="note" aria-label={t('removedWords')}>
      <span class="count">{label}</span>
      {/* A struck-through summary; the <del> elements below are the removed text itself. */}
      <span class="preview">{preview.length > PREVIEW_CHARS ? `${preview.slice(0, PREVIEW_CHARS)}…` : preview}</span>
      <button class="toggle" type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t(open ? 'hideOldWording' : 'showOldWording')}
      </button>
      <div class="old" hidden={!open}>
        {wordings.map((parts, line) => (
          <div key={line} class="line">
            {/* Each part carries its own spaces (see WordingPart). */}
            {parts.map((part, i) => (part.removed ? <del key={i}>{part.text}</del> : <span key={i}>{part.text}</span>))}
          </div>
        ))}
      </div>
    </div>
  );
}
