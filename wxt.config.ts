import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { manifestCommands } from './lib/shortcuts';
import { ARCHIVE_ORIGINS, GITHUB_ORIGINS } from './lib/history/history-offers';
import { contentScriptPatterns } from './lib/sites/find-site';

// The e2e build must be the build users get plus one granted fixture host (below): WXT makes
// `--mode e2e` a development build (NODE_ENV = the mode), whose JSX carries source paths and
// dev-only checks, so the tests and the bench would otherwise run code that never ships.
if (process.env.NODE_ENV === 'e2e') process.env.NODE_ENV = 'production';

// The manifest asks for as little as possible: content scripts and host access only on the
// built-in docs sites (their match patterns come from lib/sites), one web-accessible page
// (the overlay's frames).
export default defineConfig({
  // `browser` from wxt/browser is Mozilla's webextension-polyfill (promises and the same API in
  // both browsers), as the design card asks. DOCDELTA_POLYFILL=off builds without it, into
  // DOCDELTA_OUT_DIR: the bench measures what it costs each bundle.
  modules: process.env.DOCDELTA_POLYFILL === 'off' ? [] : ['@wxt-dev/webextension-polyfill'],
  outDir: process.env.DOCDELTA_OUT_DIR ?? '.output',
  // MV3 everywhere (WXT would build MV2 for Firefox).
  manifestVersion: 3,
  // `npm run zip`: the Firefox sources archive holds what rebuilds the package (README, "Packages").
  zip: { excludeSources: ['bench-results/**', 'docs/images/**', '.demo-profile/**', 'screenshots/**'] },
  hooks: {
    // The e2e build also holds the popup bench's two baselines (tests/bench/popup.bench.ts): a
    // bare page that paints one line (how soon an extension page can show anything here), and
    // a page whose one small script asks the background about the tab, as the popup does, and
    // paints one line when the answer comes (how soon any page showing the answer can).
    'build:publicAssets': (wxt, files) => {
      if (wxt.config.mode !== 'e2e') return;
      const page = (head: string, body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>DocDelta</title>${head}</head><body>${body}</body></html>`;
      files.push({ relativeDest: 'bench-baseline.html', contents: page('', '<p>DocDelta</p>') });
      files.push({ relativeDest: 'bench-question.html', contents: page('<script defer src="/bench-question.js"></script>', '') });
      files.push({
        relativeDest: 'bench-question.js',
        contents: `chrome.runtime.sendMessage({ type: 'tab-state', payload: { tabId: Number(new URLSearchParams(location.search).get('tab')) } }).then((reply) => document.body.append(Object.assign(document.createElement('p'), { textContent: reply && reply.ok ? 'DocDelta' : 'no answer' })));`,
      });
    },
  },
  vite: () => ({
    resolve: {
      alias: {
        '@acemir/cssom': fileURLToPath(new URL('./lib/vendor-stubs/cssom.ts', import.meta.url)),
        // tldts' packaged minified build: its ES module sources spell the suffix trie out as
        // number lists the bundler keeps whole (+117 KB gzipped to the worker instead of +50).
        tldts: fileURLToPath(new URL('./node_modules/tldts/dist/index.esm.min.js', import.meta.url)),
      },
    },
  }),
  manifest: ({ mode, browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // scripting: content scripts for sites the reader adds; activeTab: the popup can name the tab's site.
    // alarms: followed sites are checked on a schedule; notifications (asked at the reader's
    // click in Options) say when a followed site changed. A test cannot answer Chromium's
    // prompt: the e2e build holds it as granted.
    permissions: ['scripting', 'activeTab', 'alarms', ...(mode === 'e2e' ? ['notifications'] : [])],
    optional_permissions: mode === 'e2e' ? [] : ['notifications'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // The overlay's frame page, which the content script puts over a docs page (inside a closed
    // shadow root). Chromium serves it under an id made anew each session, so a page cannot
    // probe for DocDelta by a fixed address; Firefox's address holds a per-install id and has no
    // such option (docs/privacy.md).
    web_accessible_resources: [
      {
        resources: ['overlay-frame.html'],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    action: { default_title: '__MSG_extName__' },
    // Declared once in lib/shortcuts.ts (the popup lists them, the background forwards them).
    commands: manifestCommands(),
    // Firefox only: a stable id, and what DocDelta sends (docs/privacy.md). It needs nothing
    // sent to work; asking an archive for a page's history sends that page's address
    // (`browsingActivity`), asked for at the reader's click (lib/history/history-offers.ts).
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'docdelta@docdelta.dev', strict_min_version: '140.0', data_collection_permissions: { required: ['none'], optional: ['browsingActivity'] } },
            // The data-collection declaration needs Firefox for Android 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
    // The built-in docs sites, where the content script already runs (the same sites, the same
    // words in the install prompt): the background runs the overlay's code into a tab of theirs
    // when its page has changes to show (scripting.executeScript needs the page's host).
    // The e2e build (wxt build --mode e2e) also holds one fixture host and the archives' hosts as
    // granted, because a test cannot answer Chromium's permission prompt; everything after the
    // prompt is the same (the reader's click is still what sends the first request).
    host_permissions: [...contentScriptPatterns(), ...(mode === 'e2e' ? ['http://docs.fixture.test/*', ...ARCHIVE_ORIGINS, ...GITHUB_ORIGINS] : [])],
  }),
});
