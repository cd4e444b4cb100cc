// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { startLayerFrame } from '../../lib/pages/layer-frame';
import { LAYER_CONNECT, type FromLayer, type ToLayer } from '../../lib/layer-protocol';
import { translateFrom } from '../../lib/i18n';
import messages from '../../public/_locales/en/messages.json';

// One of DocDelta's frames over a page: it takes one connection, the first that carries a
// port, and draws only what comes over that port.
const t = translateFrom(messages);
const ports: MessagePort[] = [];

function connect(role: string): { port: MessagePort; received: FromLayer[] } {
  const channel = new MessageChannel();
  const received: FromLayer[] = [];
  channel.port1.onmessage = (event) => received.push(event.data as FromLayer);
  ports.push(channel.port1, channel.port2);
  window.dispatchEvent(new MessageEvent('message', { data: { type: LAYER_CONNECT, role }, ports: [channel.port2] }));
  return { port: channel.port1, received };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('a frame of the overlay', () => {
  afterEach(() => {
    for (const port of ports.splice(0)) port.close();
    document.body.replaceChildren();
  });

  test('draws added text and removed text from its port, as text, and says when every mark is drawn', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    startLayerFrame(window, t);
    // A message without a port, or of another shape, is not a connection.
    window.dispatchEvent(new MessageEvent('message', { data: { type: LAYER_CONNECT, role: 'paint' } }));
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'paint' } }));
    const { port, received } = connect('paint');
    await settle();
    expect(received).toEqual([{ type: 'ready' }]);
    expect(document.documentElement.dataset.role).toBe('paint');

    const hostile = '<img src=x onerror="window.__pwned=1">';
    const paint: ToLayer = {
      type: 'paint', reset: true, done: true, current: 0,
      added: [{ change: 0, text: 'new words', rects: [10, 20, 60, 16, 0, 40, 30, 16] }],
      removed: [
        { change: 0, x: 0, y: 80, width: 500, content: { kind: 'blocks', blocks: [{ kind: 'paragraph', level: 0, text: hostile }] } },
        { change: 1, x: 0, y: 120, width: 500, content: { kind: 'moved-away', direction: 'down', to: hostile } },
      ],
      moved: [{ change: 1, text: 'a moved paragraph', rects: [0, 300, 400, 16], from: hostile, direction: 'down', first: true }],
    };
    port.postMessage(paint);
    await settle();
    const added = [...document.querySelectorAll('[data-docdelta-added]')];
    expect(added.map((element) => element.textContent)).toEqual(['new words']);
    expect(added[0]!.querySelectorAll('.box')).toHaveLength(2);
    expect([...document.querySelectorAll('[data-docdelta-removed]')].map((element) => element.textContent)).toEqual([hostile]);
    // A moved passage is neither added nor removed: its text is tagged as moved, with where it came from.
    const moved = [...document.querySelectorAll('[data-docdelta-moved]')];
    expect(moved.map((element) => element.querySelector('[hidden]')!.textContent)).toEqual(['a moved paragraph']);
    expect(moved[0]!.querySelector('.tag')!.textContent).toBe(`Moved here from “${hostile}” above`);
    expect(document.querySelector('.moved-away .tag')!.textContent).toBe(`Moved down ↓ to “${hostile}”`);
    // Its text starts at the article's left edge: the bar stays inside the layer, where it shows.
    expect((moved[0]!.querySelector('.bar') as HTMLElement).style.left).toBe('0px');
    expect(document.querySelector('img')).toBeNull();
    expect(document.documentElement.dataset.painted).toBe('true');

    // A second connection (a page that got hold of the frame would need one) is ignored.
    const intruder = connect('paint');
    intruder.port.postMessage({ ...paint, added: [] });
    await settle();
    expect(intruder.received).toEqual([]);
    expect(document.querySelectorAll('[data-docdelta-added]')).toHaveLength(1);
  });

  test('marks that come in view first are kept in page order', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    startLayerFrame(window, t);
    const { port } = connect('paint');
    const mark = (change: number) => ({ change, text: `change ${change}`, rects: [0, change * 100, 50, 16] });
    // The reader is scrolled to change 2: its slice comes first, then the rest of the page.
    port.postMessage({ type: 'paint', reset: true, done: false, current: -1, added: [mark(2), mark(3)], removed: [], moved: [] } satisfies ToLayer);
    port.postMessage({ type: 'paint', reset: false, done: true, current: -1, added: [mark(0), mark(1)], removed: [], moved: [] } satisfies ToLayer);
    await settle();
    expect([...document.querySelectorAll('[data-docdelta-added]')].map((element) => element.textContent)).toEqual(['change 0', 'change 1', 'change 2', 'change 3']);
  });

  test('the navigator sends the reader\'s clicks back over its port', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    startLayerFrame(window, t);
    const { port, received } = connect('panel');
    port.postMessage({ type: 'panel', state: { tooMany: false, total: 3, tucked: 0, current: -1, section: null, since: { source: 'visit', capturedAt: Date.UTC(2026, 11, 1, 12, 0) }, addedWords: 5, removedWords: 2 } } satisfies ToLayer);
    await settle();
    expect(document.querySelector('.count')!.textContent).toBe('3 changes');
    // The frame words the baseline it was given as data: the page's thread never held these words.
    expect(document.querySelector('.section')!.textContent).toMatch(/^\+5 −2 words since your visit of Dec 1, 2026/);
    const next = document.querySelector<HTMLButtonElement>('button[aria-label="Next change"]')!;
    // A scripted click is not the reader's.
    next.click();
    await settle();
    expect(received).toEqual([{ type: 'ready' }]);
  });

  test("the navigator's map puts a tick where each change is on the page, and follows the current one", async () => {
    document.body.innerHTML = '<div id="app"></div>';
    startLayerFrame(window, t);
    const { port } = connect('panel');
    port.postMessage({ type: 'panel', state: { tooMany: false, total: 3, tucked: 0, current: -1, section: null, since: null, addedWords: 5, removedWords: 2 } } satisfies ToLayer);
    port.postMessage({ type: 'markers', current: -1, markers: [{ fraction: 0, removedOnly: false, moved: false }, { fraction: 0.5, removedOnly: true, moved: false }, { fraction: 1, removedOnly: false, moved: true }] } satisfies ToLayer);
    await settle();
    const ticks = () => [...document.querySelectorAll<HTMLElement>('.map .marker')];
    expect(ticks().map((tick) => [tick.getAttribute('aria-label'), tick.style.left])).toEqual([
      ['Change 1', 'calc(0.000% - 3px)'],
      ['Change 2', 'calc(50.000% - 3px)'],
      ['Change 3', 'calc(100.000% - 3px)'],
    ]);
    expect(ticks().map((tick) => tick.classList.contains('removed-only'))).toEqual([false, true, false]);
    expect(ticks().map((tick) => tick.classList.contains('moved'))).toEqual([false, false, true]);
    expect(document.querySelector('.map .current')).toBeNull();
    port.postMessage({ type: 'current', current: 1 } satisfies ToLayer);
    await settle();
    expect(document.querySelector('.map .current')!.getAttribute('aria-label')).toBe('Change 2');
    expect(document.querySelector('.count')!.textContent).toBe('2 of 3');
  });

  test('a page with thousands of changes gets a map of at most a hundred ticks, each going to the first change it holds', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    startLayerFrame(window, t);
    const { port } = connect('panel');
    port.postMessage({ type: 'panel', state: { tooMany: false, total: 2500, tucked: 0, current: -1, section: null, since: null, addedWords: 5000, removedWords: 0 } } satisfies ToLayer);
    const markers = Array.from({ length: 2500 }, (_, i) => ({ fraction: i / 2500, removedOnly: i >= 2475, moved: false }));
    port.postMessage({ type: 'markers', current: 30, markers } satisfies ToLayer);
    await settle();
    const ticks = [...document.querySelectorAll<HTMLElement>('.map .marker')];
    expect(ticks).toHaveLength(100);
    expect(ticks.slice(0, 2).map((tick) => tick.getAttribute('aria-label'))).toEqual(['Changes 1 to 25', 'Changes 26 to 50']);
    expect(document.querySelector('.map .current')!.getAttribute('aria-label')).toBe('Changes 26 to 50');
    expect(ticks.map((tick) => tick.classList.contains('removed-only'))).toEqual([...Array(99).fill(false), true]);
    // Where a click goes is tested with a real click (e2e: worst-case.test.ts).
  });
});
