import type { AddedMark, ChangeMarker, FromLayer, LayerRole, MovedMark, PanelState, RemovedMark } from '@/lib/layer-protocol';
import type { Translate } from '@/lib/i18n';
import { ChangeNavigator } from '../ChangeNavigator';
import { PageMap } from '../PageMap';
import { PaintLayer } from './PaintLayer';

/** Everything one of DocDelta's frames shows; each frame uses the part its role names. */
export interface LayerModel {
  added: AddedMark[];
  removed: RemovedMark[];
  moved: MovedMark[];
  current: number;
  panel: PanelState | null;
  markers: ChangeMarker[];
}

export const emptyLayerModel = (): LayerModel => ({ added: [], removed: [], moved: [], current: -1, panel: null, markers: [] });

/** One frame of the overlay: the paint layer, or the navigator with its map of the page. */
export function LayerView({ role, model, send, t }: { role: LayerRole; model: LayerModel; send: (message: FromLayer) => void; t: Translate }) {
  if (role === 'paint') return <PaintLayer added={model.added} removed={model.removed} moved={model.moved} current={model.current} t={t} />;
  if (!model.panel) return null;
  return (
    <ChangeNavigator
      map={<PageMap markers={model.markers} current={model.current} onSelect={(index) => send({ type: 'select', index })} t={t} />}
      {...model.panel}
      t={t}
      onPrevious={() => send({ type: 'previous' })}
      onNext={() => send({ type: 'next' })}
      onMarkSeen={() => send({ type: 'mark-seen' })}
      onHide={() => send({ type: 'hide' })}
    />
  );
}
