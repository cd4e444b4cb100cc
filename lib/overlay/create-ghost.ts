import { h, render } from 'preact';
import { OldWording, RemovedBlocks } from '@/components/RemovedPassageView';
import { removedStyles } from '@/components/styles';
import type { RemovedPassage } from '../diff/change-set';
import { REMOVED_TAG } from './names';

/**
 * A `docdelta-removed` element whose open shadow root shows removed text.
 * Text goes in as text nodes (Preact children), never parsed as HTML.
 */
export function createGhost(doc: Document, passage: RemovedPassage): HTMLElement {
  const ghost = doc.createElement(REMOVED_TAG);
  const shadow = ghost.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = removedStyles;
  shadow.appendChild(style);
  const mount = doc.createElement('div');
  shadow.appendChild(mount);
  render(passage.kind === 'blocks' ? h(RemovedBlocks, { blocks: passage.blocks }) : h(OldWording, { parts: passage.parts }), mount);
  return ghost;
}
