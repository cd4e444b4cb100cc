import { contentBlocks } from './content-blocks';
import { articleBlocks } from './html-blocks';
import { parseHTML } from 'linkedom';
import type { PublishedReaders } from './published-readers';

/** The readers themselves, for the readers' own script and for Node. */
export const directReaders: PublishedReaders = {
  contentBlocks,
  articleBlocks,
  // linkedom's selector engine refuses what a browser would.
  parseSelector: (selector) => void parseHTML('<p></p>').document.querySelector(selector),
};
