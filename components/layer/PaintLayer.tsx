import type { AddedMark, MovedMark, RemovedContent, RemovedMark } from '@/lib/layer-protocol';
import type { Translate } from '@/lib/i18n';
import { countWords } from '@/lib/diff/tokens';
import { movedLabel } from '@/lib/moved-words';

/** A removed mark that shows text (not the tag where a passage moved away). */
type TextMark = RemovedMark & { content: Exclude<RemovedContent, { kind: 'moved-away' }> };

export interface PaintLayerProps {
  added: readonly AddedMark[];
  removed: readonly RemovedMark[];
  moved: readonly MovedMark[];
  current: number;
  t: Translate;
}

/**
 * What DocDelta draws over the article, in its own frame: a box over each line of added page
 * text, at each place text went a mark with the removed text, a bar beside each passage that
 * moved here (tagged with where from) and a small tag where it left. The frame takes no
 * pointer events, so the page under it reads and clicks as before.
 */
export function PaintLayer({ added, removed, moved, current, t }: PaintLayerProps) {
  return (
    <>
      {added.map((mark, i) => (
        <span key={i} class={mark.change === current ? 'added current' : 'added'} data-docdelta-added="">
          {/* The page's own text, for tools reading the layer; the reader sees it on the page. */}
          <span hidden>{mark.text}</span>
          {boxes(mark.rects)}
        </span>
      ))}
      {moved.map((mark, i) => (
        <span key={i} class={mark.change === current ? 'moved current' : 'moved'} data-docdelta-moved="">
          <span hidden>{mark.text}</span>
          {mark.first && mark.rects.length >= 4 && (
            <span class="tag moved-tag" style={{ left: `${mark.rects[0]}px`, top: `${mark.rects[1]}px` }}>
              {movedLabel(t, mark.direction === 'up' ? 'movedHereFromBelow' : 'movedHereFromAbove', mark.from)}
            </span>
          )}
          {bar(mark.rects)}
          {boxes(mark.rects)}
        </span>
      ))}
      {removed.map((mark, i) =>
        mark.content.kind === 'moved-away' ? (
          <div key={i} class={`removed moved-away${mark.change === current ? ' current' : ''}`} style={{ left: `${mark.x}px`, top: `${mark.y}px`, width: `${mark.width}px` }} role="note">
            <span class="tag">{movedLabel(t, mark.content.direction === 'up' ? 'movedAwayUp' : 'movedAwayDown', mark.content.to)}</span>
          </div>
        ) : (
          <RemovedCallout key={i} mark={mark as TextMark} current={mark.change === current} t={t} />
        ),
      )}
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

/**
 * One bar beside all of a mark's line boxes, in the gutter left of the leftmost; on text that
 * starts at the article's own left edge, at that edge (the layer clips what lies outside it).
 */
function bar(rects: readonly number[]) {
  let [left, top, bottom] = [Infinity, Infinity, -Infinity];
  for (let i = 0; i + 3 < rects.length; i += 4) {
    left = Math.min(left, rects[i]!);
    top = Math.min(top, rects[i + 1]!);
    bottom = Math.max(bottom, rects[i + 1]! + rects[i + 3]!);
  }
  return Number.isFinite(left) ? <i class="bar" style={{ left: `${Math.max(0, left - 6)}px`, top: `${top}px`, height: `${bottom - top}px` }} /> : null;
}

/** Removed words of one mark, as the reader counts them. */
function removedWordCount(mark: TextMark): number {
  if (mark.content.kind === 'blocks') return mark.content.blocks.reduce((n, block) => n + countWords(block.text), 0);
  return mark.content.wordings.reduce((n, parts) => n + parts.reduce((m, part) => m + (part.removed ? countWords(part.text) : 0), 0), 0);
}

/**
 * A line where text went, a tag saying how much, and the removed text: one line of it, or all
 * of it while its change is the one the reader stepped to. Text goes in as text nodes.
 */
function RemovedCallout({ mark, current, t }: { mark: TextMark; current: boolean; t: Translate }) {
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
