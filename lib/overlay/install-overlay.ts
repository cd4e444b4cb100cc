import { OVERLAY_FACTORY } from '../overlay-script';
import { PageOverlay, type OverlayInput } from './page-overlay';

export type OverlayFactory = (input: OverlayInput) => PageOverlay;

/** Leaves the overlay's factory where the content script of the same world finds it. */
export function installOverlay(world: object = globalThis): void {
  const factory: OverlayFactory = (input) => new PageOverlay(input);
  Object.defineProperty(world, OVERLAY_FACTORY, { value: factory, configurable: true });
}
