import { h, render } from 'preact';
import { emptyLayerModel, LayerView, type LayerModel } from '@/components/layer/LayerView';
import { isLayerConnect, type FromLayer, type LayerRole, type ToLayer } from '../layer-protocol';
import type { Translate } from '../i18n';

/**
 * One of DocDelta's frames over a docs page. It takes the first connection it is offered (the
 * content script's, sent the moment the frame loaded, from inside a closed shadow root no page
 * script reaches) and from then on listens only to that port.
 */
export function startLayerFrame(win: Window, t: Translate): void {
  const mount = win.document.getElementById('app')!;
  let connected = false;
  win.addEventListener('message', (event) => {
    if (connected || !isLayerConnect(event.data) || event.ports.length !== 1) return;
    connected = true;
    const port = event.ports[0]!;
    const role = event.data.role;
    win.document.documentElement.dataset.role = role;
    let model = emptyLayerModel();
    const send = (message: FromLayer) => port.postMessage(message);
    const draw = () => render(h(LayerView, { role, model, send, t }), mount);
    port.onmessage = (message) => {
      const data = message.data as ToLayer;
      model = apply(model, data, role);
      draw();
      // For tools reading the layer (tests, independent checks): every mark of this pass is drawn.
      if (data.type === 'paint') win.document.documentElement.dataset.painted = String(data.done);
    };
    send({ type: 'ready' });
  });
}

/** The model after one message; what a frame of another role would show is not kept. */
function apply(model: LayerModel, message: ToLayer, role: LayerRole): LayerModel {
  switch (message.type) {
    case 'paint':
      if (role !== 'paint') return model;
      return message.reset
        ? { ...model, added: message.added, removed: message.removed, moved: message.moved, current: message.current }
        : {
            ...model,
            added: inPageOrder([...model.added, ...message.added]),
            removed: inPageOrder([...model.removed, ...message.removed]),
            moved: inPageOrder([...model.moved, ...message.moved]),
            current: message.current,
          };
    case 'current':
      return { ...model, current: message.current, panel: model.panel && { ...model.panel, current: message.current } };
    case 'panel':
      return { ...model, panel: message.state };
    case 'markers':
      if (role !== 'panel') return model;
      return { ...model, markers: message.markers, current: message.current };
    default:
      return model;
  }
}

/** Marks come in view first (lib/overlay/in-view-first.ts); the layer keeps them in page order, as a screen reader meets them. */
function inPageOrder<T extends { change: number }>(marks: T[]): T[] {
  return marks.every((mark, i) => i === 0 || marks[i - 1]!.change <= mark.change) ? marks : marks.sort((a, b) => a.change - b.change);
}
