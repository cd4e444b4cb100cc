import type { Translate } from '../../lib/i18n';
import type { HunkLine, TextDiff } from '../../lib/changes/text-hunks';
import { movedLabel } from '../../lib/moved-words';

const SIGNS: Record<HunkLine['kind'], string> = { same: ' ', added: '+', removed: '−', moved: '↕', 'moved-away': '↕' };

/**
 * Hunks of a text diff: removed and added blocks with a little context, all as text; a passage
 * that moved shown once where it stands (tagged with where it came from) and a line where it
 * stood saying where it went.
 */
export function TextDiffView({ diff, t }: { diff: TextDiff; t: Translate }) {
  if (diff.hunks.length === 0) return <p class="hint">{t('diffEmpty')}</p>;
  return (
    <div class="diff">
      {diff.hunks.map((hunk, i) => (
        <div class="hunk" key={i}>
          {hunk.skippedBefore > 0 && <p class="skipped">{t('skipped', [hunk.skippedBefore])}</p>}
          {hunk.lines.map((line, j) => (
            <p key={j} class={`line ${line.kind}`}>
              <span class="sign" aria-hidden="true">{SIGNS[line.kind]}</span>
              <LineText line={line} t={t} />
            </p>
          ))}
        </div>
      ))}
      {diff.skippedAfter > 0 && <p class="skipped">{t('skipped', [diff.skippedAfter])}</p>}
    </div>
  );
}

function LineText({ line, t }: { line: HunkLine; t: Translate }) {
  if (line.kind === 'added') return <ins>{line.text}</ins>;
  if (line.kind === 'removed') return <del>{line.text}</del>;
  if (line.kind === 'moved-away') {
    const label = movedLabel(t, line.move?.direction === 'up' ? 'movedAwayUp' : 'movedAwayDown', line.move?.section ?? null);
    return <span><span class="tag">{label}</span> <span class="moved-from">{line.text}</span></span>;
  }
  if (line.kind === 'moved' && line.move) {
    const label = movedLabel(t, line.move.direction === 'up' ? 'movedHereFromBelow' : 'movedHereFromAbove', line.move.section);
    return <span><span class="tag">{label}</span> {line.text}</span>;
  }
  return <span>{line.text}</span>;
}
