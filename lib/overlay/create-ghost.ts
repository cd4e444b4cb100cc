import { h, render } from 'preact';
import { OldWording, RemovedBlocks } from '@/components/RemovedPassageView';
import { removedStyles } from '@/components/styles';
import type { RemovedPassage } from '../diff/change-set';
import type { Translate } from '../i18n';
import { REMOVED_TAG } from './names';
import { shownWhileRunning } from './shown-while-running';

/**
 * A `docdelta-removed` element whose closed shadow root shows removed text:
 * whole removed blocks, or the old wordings of the changed blocks it
 * follows. Text goes in as text nodes (Preact children), never parsed as HTML.
 */
export function createGhost(doc: Document, passage: RemovedPassage | readonly Extract<RemovedPassage, { kind: 'wording' }>[], t: Translate): HTMLElement {
  const ghost = shownWhileRunning(doc.createElement(REMOVED_TAG));
  const shadow = ghost.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = removedStyles;
  shadow.appendChild(style);
  const mount = doc.createElement('div');
  shadow.appendChild(mount);
  const view = 'kind' in passage
    ? passage.kind === 'blocks'
      ? h(RemovedBlocks, { blocks: passage.blocks, t })
      : h(OldWording, { wordings: [passage.parts], t })
    : h(OldWording, { wordings: passage.map((p) => p.parts), t });
  render(view, mount);
  return ghost;
}
