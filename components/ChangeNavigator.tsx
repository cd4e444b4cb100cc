import type { ComponentChildren } from 'preact';
import type { Translate } from '../lib/i18n';
import type { PanelState } from '../lib/layer-protocol';
import { sinceBaseline } from '../lib/version-words';

export interface ChangeNavigatorProps extends PanelState {
  t: Translate;
  onPrevious: () => void;
  onNext: () => void;
  onMarkSeen: () => void;
  onHide: () => void;
  /** Where on the page the changes are (components/PageMap.tsx), under the controls. */
  map?: ComponentChildren;
}

/**
 * These buttons live in DocDelta's own frame, which no page script reaches; a click still
 * counts only when the browser says it came from the reader.
 */
export const byReader = (action: () => void) => (event: Event) => {
  if (event.isTrusted) action();
};

/** The small on-page panel: "3 of 12", the section, and the controls. */
export function ChangeNavigator(props: ChangeNavigatorProps) {
  const { total, current, t } = props;
  const count = props.tooMany ? t('tooManyChanges') : current >= 0 ? t('navPosition', [current + 1, total]) : total === 1 ? t('navChangesOne') : t('navChangesMany', [total]);
  // Worded here, in DocDelta's frame: a date format is slow to make (ICU), and the page's thread never holds the words.
  const since = props.since ? sinceBaseline(props.since, t, 'sinceVisitOverlay') : null;
  const detail = current >= 0 && !props.tooMany
    ? props.section
    : since ? t('navWordsSince', [props.addedWords, props.removedWords, since]) : t('navWords', [props.addedWords, props.removedWords]);
  return (
    <div class="nav" role="region" aria-label={t('navRegion')}>
      <div class="summary">
        <span class="count" aria-live="polite">{count}</span>
        {detail ? <span class="section" title={detail}>{detail}</span> : null}
        {props.tucked > 0 && current < 0 && !props.tooMany ? <span class="tucked">{t('navTucked', [props.tucked])}</span> : null}
      </div>
      <button type="button" aria-label={t('previousChange')} disabled={props.tooMany} onClick={byReader(props.onPrevious)}>↑</button>
      <button type="button" aria-label={t('nextChange')} disabled={props.tooMany} onClick={byReader(props.onNext)}>↓</button>
      <button type="button" onClick={byReader(props.onMarkSeen)}>{t('markSeen')}</button>
      <button type="button" aria-label={t('hideHighlights')} onClick={byReader(props.onHide)}>✕</button>
      {props.map}
    </div>
  );
}
