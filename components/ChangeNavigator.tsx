export interface ChangeNavigatorProps {
  total: number;
  /** The change in view, or -1 before the reader moved. */
  current: number;
  section: string | null;
  since: string | null;
  addedWords: number;
  removedWords: number;
  onPrevious: () => void;
  onNext: () => void;
  onMarkSeen: () => void;
  onHide: () => void;
}

/** The small on-page panel: "3 of 12", the section, and the controls. */
export function ChangeNavigator(props: ChangeNavigatorProps) {
  const { total, current } = props;
  const count = current < 0 ? `${total} change${total === 1 ? '' : 's'}` : `${current + 1} of ${total}`;
  const detail = current < 0 ? `+${props.addedWords} −${props.removedWords} words${props.since ? ` since ${props.since}` : ''}` : props.section;
  return (
    <div class="nav" role="region" aria-label="DocDelta changes">
      <div class="summary">
        <span class="count" aria-live="polite">{count}</span>
        {detail ? <span class="section" title={detail}>{detail}</span> : null}
      </div>
      <button type="button" aria-label="Previous change" onClick={props.onPrevious}>↑</button>
      <button type="button" aria-label="Next change" onClick={props.onNext}>↓</button>
      <button type="button" onClick={props.onMarkSeen}>Mark as seen</button>
      <button type="button" aria-label="Hide highlights" onClick={props.onHide}>✕</button>
    </div>
  );
}
