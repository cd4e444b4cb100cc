import type { Translate } from '../lib/i18n';
import type { EdgeMarker } from '../lib/layer-protocol';
import { byReader } from './ChangeNavigator';

/** Ticks along the right edge showing where on the page the changes are. */
export function EdgeMarkers({ markers, current, onSelect, t }: { markers: readonly EdgeMarker[]; current: number; onSelect: (index: number) => void; t: Translate }) {
  return (
    <div class="markers">
      {markers.map((marker, i) => (
        <button
          key={i}
          type="button"
          class={`marker${marker.removedOnly ? ' removed-only' : ''}${i === current ? ' current' : ''}`}
          style={{ top: `calc(${(marker.fraction * 100).toFixed(3)}% - 2px)` }}
          aria-label={t('changeMarker', [i + 1])}
          onClick={byReader(() => onSelect(i))}
        />
      ))}
    </div>
  );
}
