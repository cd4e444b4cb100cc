import type { Translate } from '../lib/i18n';
import type { ChangeMarker } from '../lib/layer-protocol';
import { byReader } from './ChangeNavigator';

/**
 * The page from top (left) to bottom (right), a tick where each change is: the reader sees
 * where the changes are and goes to one with a click. It lives in the navigator's frame, so
 * DocDelta needs no frame of its own along the page's edge (each frame costs the page's renderer).
 */
export function PageMap({ markers, current, onSelect, t }: { markers: readonly ChangeMarker[]; current: number; onSelect: (index: number) => void; t: Translate }) {
  if (!markers.length) return null;
  return (
    <div class="map" role="group" aria-label={t('pageMap')}>
      {markers.map((marker, i) => (
        <button
          key={i}
          type="button"
          class={`marker${marker.removedOnly ? ' removed-only' : ''}${i === current ? ' current' : ''}`}
          style={{ left: `calc(${(marker.fraction * 100).toFixed(3)}% - 3px)` }}
          aria-label={t('changeMarker', [i + 1])}
          title={t('changeMarker', [i + 1])}
          onClick={byReader(() => onSelect(i))}
        />
      ))}
    </div>
  );
}
