import { findContentRoot, findSite } from '../../lib/sites/find-site';
import { loadCorpus, readHtml, type CorpusVersion } from './corpus';
import { pairWithChanges } from './corpus-pairs';
import type { FixtureServer } from '../../harness/fixture-server';
import { parseHtml } from './parse-html';

// A small client-side-routed docs app made of corpus articles, for the SPA tests in every browser.

/** The article of a corpus version, as markup a client-side router would render. */
export function article(url: string, version: CorpusVersion): string {
  const doc = parseHtml(readHtml(version), url);
  return findContentRoot(doc, findSite(new URL(url)))!.innerHTML;
}

/** A small client-side-routed docs app: links swap the article and pushState, like Next.js does. */
export function spaPage(articles: Record<string, string>, path: string): string {
  const templates = Object.entries(articles).map(([p, html]) => `<template id="t-${p}">${html}</template>`).join('\n');
  return `<!doctype html><html><head><title>${path}</title></head><body>
<nav><a href="/spa/first/" data-spa>First</a> <a href="/spa/second/" data-spa>Second</a> <a href="#top" id="anchor">Top</a></nav>
<div id="main-content">${articles[path]}</div>
${templates}
<script>
  let shown = location.pathname;
  function show(path) {
    shown = path;
    document.getElementById('main-content').replaceChildren(document.getElementById('t-' + path).content.cloneNode(true));
    document.title = path;
  }
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-spa]');
    if (!link) return;
    event.preventDefault();
    history.pushState({}, '', link.getAttribute('href'));
    show(link.getAttribute('href'));
  });
  // Like real routers: a fragment change (which also fires popstate) does not re-render.
  addEventListener('popstate', () => { if (location.pathname !== shown) show(location.pathname); });
</script></body></html>`;
}

export const SPA_HOST = 'www.django-rest-framework.org';
export const spaUrl = (path: string) => `http://${SPA_HOST}${path}`;

/** Two corpus pages at two versions each, served by `server` as the app's /spa/first/ and /spa/second/. */
export function spaSite(server: FixtureServer): { serve: (which: 'before' | 'after') => void } {
  const corpus = loadCorpus();
  const first = corpus.find((p) => p.slug === 'tutorial__1-serialization')!;
  const second = corpus.find((p) => p.slug === 'api-guide__permissions')!;
  const firstPair = pairWithChanges(first, 2);
  const secondPair = pairWithChanges(second, 2);
  return {
    serve(which) {
      const articles = {
        '/spa/first/': article(first.url, firstPair[which]),
        '/spa/second/': article(second.url, secondPair[which]),
      };
      for (const path of Object.keys(articles)) server.pages.set(path, spaPage(articles, path));
    },
  };
}
