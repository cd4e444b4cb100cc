// The layers of DocDelta's code, enforced by lint (docs/architecture.md draws them):
//   core   — pure logic: blocks, extract, diff, markdown, sites, feed, history, store, backup, changes,
//            and the message contract. No browser shell, no UI, no extension API.
//   shells — what talks to the browser: the background (lib/background), the content script
//            (lib/content, lib/overlay), extension pages (their clients in lib/pages, entrypoints/).
//   ui     — Preact components (components/), which render what the shells hand them.
// The content script runs on every docs page: it reads and draws, and never opens storage, feeds
// or the diff (their types it may name). The UI may call the core's pure functions and name its
// types, but opens no storage and fetches nothing.

const shellFolders = String.raw`(^|/)(background|content|overlay|pages|entrypoints)/`;
const uiFolder = String.raw`(^|/)components/`;
const extensionApi = String.raw`^(wxt|#imports|@wxt-dev/|webextension-polyfill|preact)`;

export const coreFiles = [
  'lib/{blocks,baseline,hash,page-identity,safe-json,format-time,shortcuts,i18n,messages,message-schemas,version-words,layer-protocol,yield-to-page,overlay-script}.ts',
  'lib/{extract,diff,markdown,sites,feed,history,store,backup,changes}/**',
];
export const contentFiles = ['lib/content/**', 'lib/overlay/**'];
export const uiFiles = ['components/**'];

const rule = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export const layers = [
  {
    files: coreFiles,
    rules: rule([
      { regex: shellFolders, message: 'The core is pure: it imports no shell (background, content, overlay, pages, entrypoints), not even a type.' },
      { regex: uiFolder, message: 'The core imports no UI component.' },
      { regex: extensionApi, message: 'The core uses no extension API or UI library: a shell passes in what it needs.' },
    ]),
  },
  {
    files: contentFiles,
    rules: rule([
      { regex: String.raw`(^|/)(store|feed|history|backup|changes|background)/`, message: 'The content script never opens storage, feeds or archives: it asks the background.' },
      { regex: '^idb$', message: 'The content script never opens storage.' },
      { regex: String.raw`(^|/)diff/`, allowTypeImports: true, message: 'The diff runs in the background; the content script only names its result types.' },
    ]),
  },
  {
    files: uiFiles,
    rules: rule([
      { regex: String.raw`(^|/)(background|content|overlay)/`, message: 'Components render what a shell hands them; they import no shell.' },
      { regex: String.raw`(^|/)(store|feed|backup)/`, allowTypeImports: true, message: 'Components never open storage or fetch feeds (the shells do); they may name those modules\' types.' },
      { regex: '^idb$', message: 'Components never open storage.' },
    ]),
  },
];
