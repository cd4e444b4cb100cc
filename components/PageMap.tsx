import type { Translate } from '../lib/i18n';
import type { ChangeMarker } from '../lib/layer-protocol';
import { byReader } from './ChangeNavigator';

/**
 * The most ticks the map shows: past it, changes that share a hundredth of the page share a
 * tick, so a page with thousands of changes gets a map a reader can see and tab through.
 */
export const MAP_TICKS = 100;

/** One tick: the changes `first`…`last` (indexes), drawn where the first one is. */
interface Tick {
  first: number;
  last: number;
  fraction: number;
  removedOnly: boolean;
  moved: boolean;
}

/** Consecutive changes in the same hundredth of the page, one tick each (one per change when they fit). */
export function mapTicks(markers: readonly ChangeMarker[]): Tick[] {
  const ticks: Tick[] = [];
  const cellOf = (fraction: number) => Math.min(Math.floor(fraction * MAP_TICKS), MAP_TICKS - 1);
  markers.forEach((marker, index) => {
    const last = ticks.at(-1);
    if (markers.length > MAP_TICKS && last && cellOf(last.fraction) === cellOf(marker.fraction)) {
      last.last = index;
      last.removedOnly &&= marker.removedOnly;
      last.moved &&= marker.moved;
    } else ticks.push({ first: index, last: index, fraction: marker.fraction, removedOnly: marker.removedOnly, moved: marker.moved });
  });
  return ticks;
}

/**
 * The page from top (left) to bottom (right), a tick where each change is: the reader sees
 * where the changes are and goes to one with a click. It lives in the navigator's frame, so
 * DocDelta needs no frame of its own along the page's edge (each frame costs the page's renderer).
 */
export function PageMap({ markers, current, onSelect, t }: { markers: readonly ChangeMarker[]; current: number; onSelect: (index: number) => void; t: Translate }) {
  if (!markers.length) return null;
  return (
    <div class="map" role="group" aria-label={t('pageMap')}>
      {mapTicks(markers).map((tick) => {
        const label = tick.first === tick.last ? t('changeMarker', [tick.first + 1]) : t('changeMarkerRange', [tick.first + 1, tick.last + 1]);
        return (
          <button
            key={tick.first}
            type="button"
            class={`marker${tick.removedOnly ? ' removed-only' : ''}${tick.moved ? ' moved' : ''}${current >= tick.first && current <= tick.last ? ' current' : ''}`}
            style={{ left: `calc(${(tick.fraction * 100).toFixed(3)}% - 3px)` }}
            aria-label={label}
            title={label}
            onClick={byReader(() => onSelect(tick.first))}
          />
        );
      })}
    </div>
  );
}
