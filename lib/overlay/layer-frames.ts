import { LAYER_CONNECT, isFromLayer, type FromLayer, type LayerConnect, type LayerRole, type ToLayer } from '../layer-protocol';
import { OVERLAY_TAG } from './names';
import { shownWhileRunning } from './shown-while-running';

/** Where DocDelta's frame page is, and the origin its documents have (postMessage's target). */
export interface LayerSource {
  url: string;
  origin: string;
}

/** The paint layer's box, in the host's coordinates (the host sits at its containing block's origin). */
export interface LayerBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface LayerFrames {
  readonly host: HTMLElement;
  send(role: LayerRole, message: ToLayer): void;
  /** Puts the paint layer over the article. */
  place(box: LayerBox): void;
  /**
   * Where the host's containing block starts on screen, which the paint layer is placed from.
   * Read without laying the page out again when the page's root boxes are not positioned (the
   * host then sits at the document's origin); measured from the host otherwise.
   */
  origin(): { left: number; top: number };
  /**
   * Puts the next piece in the page: the host with the paint layer first, then the navigator.
   * Called after a slice's reads, one piece a task: each frame costs the page's renderer a few
   * milliseconds to make (and more to keep: there are two, not one per part of the view).
   */
  attachNext(): void;
  /** Whether the host and every frame are in the page. */
  allInPage(): boolean;
  remove(): void;
}

/**
 * Sizes are fixed, the same for every reader: the page can measure the host, never what the
 * frames show. The paint layer takes no pointer events; it sits at z-index 0, above the
 * article's text and below the site's fixed headers, as a highlighter's ink would.
 */
const FRAME_STYLES: Record<LayerRole, string> = {
  paint: 'position:absolute;left:0;top:0;width:0;height:0;z-index:0;pointer-events:none;',
  panel: 'position:fixed;right:16px;bottom:16px;width:440px;height:64px;z-index:2147483647;border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.15);',
};

/**
 * DocDelta's two frames over a page, inside a closed shadow root of one host element: the
 * page sees that host (and so that DocDelta shows something), never the frames' documents,
 * which are the extension's, cross-origin to the page. Each frame gets a MessagePort the
 * moment it loads; messages sent before are kept until it says it is ready. The host and
 * the frames enter the page one by one, as attachNext() is called.
 */
export function openLayerFrames(doc: Document, source: LayerSource, onMessage: (message: Exclude<FromLayer, { type: 'ready' }>) => void): LayerFrames {
  const host = shownWhileRunning(doc.createElement(OVERLAY_TAG));
  for (const [name, value] of [['position', 'absolute'], ['top', '0'], ['left', '0'], ['width', '0'], ['height', '0'], ['margin', '0'], ['padding', '0'], ['border', '0']]) {
    host.style.setProperty(name!, value!, 'important');
  }
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  // The page's styles stop at the host; `all: initial` keeps inherited ones (color-scheme among them) out.
  style.textContent = ':host{all:initial} iframe{border:0;margin:0;padding:0;background:transparent;color-scheme:normal;display:block}';
  shadow.append(style);

  const ports = new Map<LayerRole, MessagePort>();
  const waiting = new Map<LayerRole, ToLayer[]>();
  const frames = new Map<LayerRole, HTMLIFrameElement>();
  for (const role of ['paint', 'panel'] as const) {
    const frame = doc.createElement('iframe');
    frame.setAttribute('style', FRAME_STYLES[role]);
    if (role === 'paint') frame.tabIndex = -1;
    waiting.set(role, []);
    frame.addEventListener('load', () => {
      // A frame that loads again (it should not) gets a new port; the old one is closed.
      ports.get(role)?.close();
      ports.delete(role);
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => {
        const message: unknown = event.data;
        if (!isFromLayer(message)) return;
        if (message.type !== 'ready') return onMessage(message);
        ports.set(role, channel.port1);
        for (const queued of waiting.get(role)!.splice(0)) channel.port1.postMessage(queued);
      };
      const connect: LayerConnect = { type: LAYER_CONNECT, role };
      frame.contentWindow?.postMessage(connect, source.origin, [channel.port2]);
    });
    frame.src = source.url;
    frames.set(role, frame);
  }
  shadow.append(frames.get('paint')!);
  const toAttach: HTMLIFrameElement[] = [frames.get('panel')!];
  const parent = doc.body ?? doc.documentElement;
  const view = doc.defaultView;
  const atDocumentOrigin = () => [parent, doc.documentElement].every((element) => {
    const style = view?.getComputedStyle(element);
    return style?.position === 'static' && style.transform === 'none';
  });

  return {
    host,
    send(role, message) {
      const port = ports.get(role);
      if (port) port.postMessage(message);
      else if (message.type === 'paint' && message.reset) waiting.set(role, [message]);
      else waiting.get(role)!.push(message);
    },
    place({ left, top, width, height }) {
      const style = frames.get('paint')!.style;
      style.left = `${left}px`;
      style.top = `${top}px`;
      style.width = `${width}px`;
      style.height = `${height}px`;
    },
    origin() {
      if (atDocumentOrigin()) return { left: -(view?.scrollX ?? 0), top: -(view?.scrollY ?? 0) };
      // A positioned <body> or <html> holds the host: measure where it sits (one more layout).
      if (!host.isConnected) parent.appendChild(host);
      return host.getBoundingClientRect();
    },
    attachNext() {
      if (!host.isConnected) parent.appendChild(host);
      else {
        const next = toAttach.shift();
        if (next) shadow.append(next);
      }
    },
    allInPage: () => host.isConnected && toAttach.length === 0,
    remove() {
      for (const port of ports.values()) port.close();
      ports.clear();
      host.remove();
    },
  };
}
