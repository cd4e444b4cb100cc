import type { AddedMark, RemovedMark } from '@/lib/layer-protocol';
import type { Translate } from '@/lib/i18n';
import { countWords } from '@/lib/diff/tokens';

export interface PaintLayerProps {
  added: readonly AddedMark[];
  removed: readonly RemovedMark[];
  current: number;
  t: Translate;
}

/**
 * What DocDelta draws over the article, in its own frame: a box over each line of added page
 * text, and at each place text went, a mark with the removed text. The frame takes no pointer
 * events, so the page under it reads and clicks as before.
 */
export function PaintLayer({ added, removed, current, t }: PaintLayerProps) {
  return (
    <>
      {added.map((mark, i) => (
        <span key={i} class={mark.change === current ? 'added current' : 'added'} data-docdelta-added="">
          {/* The page's own text, for tools reading the layer; the reader sees it on the page. */}
          <span hidden>{mark.text}</span>
          {boxes(mark.rects)}
        </span>
      ))}
      {removed.map((mark, i) => (
        <RemovedCallout key={i} mark={mark} current={mark.change === current} t={t} />
      ))}
    </>
  );
}

function boxes(rects: readonly number[]) {
  const out = [];
  for (let i = 0; i + 3 < rects.length; i += 4) {
    out.push(<i key={i} class="box" style={{ left: `${rects[i]}px`, top: `${rects[i + 1]}px`, width: `${rects[i + 2]}px`, height: `${rects[i + 3]}px` }} />);
  }
  return out;
}

/** Removed words of one mark, as the reader counts them. */
function removedWordCount(mark: RemovedMark): number {
  if (mark.content.kind === 'blocks') return mark.content.blocks.reduce((n, block) => n + countWords(block.text), 0);
  return mark.content.wordings.reduce((n, parts) => n + parts.reduce((m, part) => m + (part.removed ? countWords(part.text) : 0), 0), 0);
}

/**
 * A line where text went, a tag saying how much, and the removed text: one line of it, or all
 * of it while its change is the one the reader stepped to. Text goes in as text nodes.
 */
function RemovedCallout({ mark, current, t }: { mark: RemovedMark; current: boolean; t: Translate }) {
  const count = removedWordCount(mark);
  const label = mark.content.kind === 'blocks'
    ? t('removedLabel')
    : count === 0 ? t('removedPunctuation') : count === 1 ? t('removedWordCountOne') : t('removedWordCountMany', [count]);
  return (
    <div class={`removed ${mark.content.kind}${current ? ' current' : ''}`} style={{ left: `${mark.x}px`, top: `${mark.y}px`, width: `${mark.width}px` }} role="note" aria-label={t('removedText')}>
      <span class="tag">{label}</span>
      <div class="text">
        {mark.content.kind === 'blocks'
          ? mark.content.blocks.map((block, i) => (
              <div key={i} class={`line ${block.kind === 'heading' ? 'heading' : block.kind === 'code' ? 'code' : ''}`}>
                <del data-docdelta-removed="">{block.text}</del>
              </div>
            ))
          : mark.content.wordings.map((parts, line) => (
              <div key={line} class="line">
                {/* Each part carries its own spaces (see WordingPart). */}
                {parts.map((part, i) => (part.removed ? <del key={i} data-docdelta-removed="">{part.text}</del> : <span key={i}>{part.text}</span>))}
              </div>
            ))}
      </div>
    </div>
  );
}
