import type { Translate } from '../../lib/i18n';
import type { TextDiff } from '../../lib/changes/text-hunks';

/** Hunks of a text diff: removed and added blocks with a little context, all as text. */
export function TextDiffView({ diff, t }: { diff: TextDiff; t: Translate }) {
  if (diff.hunks.length === 0) return <p class="hint">{t('diffEmpty')}</p>;
  return (
    <div class="diff">
      {diff.hunks.map((hunk, i) => (
        <div class="hunk" key={i}>
          {hunk.skippedBefore > 0 && <p class="skipped">{t('skipped', [hunk.skippedBefore])}</p>}
          {hunk.lines.map((line, j) => (
            <p key={j} class={`line ${line.kind}`}>
              <span class="sign" aria-hidden="true">{line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}</span>
              {line.kind === 'added' ? <ins>{line.text}</ins> : line.kind === 'removed' ? <del>{line.text}</del> : <span>{line.text}</span>}
            </p>
          ))}
        </div>
      ))}
      {diff.skippedAfter > 0 && <p class="skipped">{t('skipped', [diff.skippedAfter])}</p>}
    </div>
  );
}
