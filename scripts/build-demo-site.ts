/**
 * Copies the demo docs site out of the DRF corpus (tests/fixtures/drf): for a few real DRF
 * pages, an older version (what the demo reader "saw last time") and the
 * newest one. Run once; its output in demo/ is committed so `npm start`
 * needs no build step.
 *
 *   npx jiti scripts/build-demo-site.ts
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCorpus } from '../tests/support/corpus';

const picks = [
  { slug: 'tutorial__1-serialization', versionsBack: 4 },
  { slug: 'api-guide__permissions', versionsBack: 5 },
  { slug: 'api-guide__filtering', versionsBack: 6 },
];

const out = resolve(import.meta.dirname, '../demo');
rmSync(join(out, 'pages'), { recursive: true, force: true });
mkdirSync(join(out, 'pages'), { recursive: true });
const corpus = loadCorpus();
const pages = picks.map(({ slug, versionsBack }) => {
  const page = corpus.find((p) => p.slug === slug)!;
  const before = page.versions[page.versions.length - versionsBack]!;
  const after = page.versions.at(-1)!;
  copyFileSync(before.html, join(out, 'pages', `${slug}.before.html`));
  copyFileSync(after.html, join(out, 'pages', `${slug}.after.html`));
  return { slug, url: page.url, before: { file: `pages/${slug}.before.html`, date: before.date }, after: { file: `pages/${slug}.after.html`, date: after.date } };
});

// A page the demo reader never opened, whose history comes from a feed: its newest HTML,
// and its last markdown sources as dated snapshots (npm start builds the feed from them).
const feedPick = { slug: 'api-guide__pagination', sources: 6 };
const feedPage = corpus.find((p) => p.slug === feedPick.slug)!;
const newest = feedPage.versions.at(-1)!;
copyFileSync(newest.html, join(out, 'pages', `${feedPick.slug}.after.html`));
rmSync(join(out, 'feed-source'), { recursive: true, force: true });
mkdirSync(join(out, 'feed-source', feedPick.slug), { recursive: true });
const sources = feedPage.versions.filter((v) => v.markdownPath && v.date <= newest.date).slice(-feedPick.sources);
for (const v of sources) copyFileSync(v.markdownPath!, join(out, 'feed-source', feedPick.slug, `${v.stem}.md`));
const feedOnly = [{ slug: feedPick.slug, url: feedPage.url, after: { file: `pages/${feedPick.slug}.after.html`, date: newest.date } }];

writeFileSync(join(out, 'site.json'), JSON.stringify({ source: 'Django REST framework docs (BSD-3-Clause), from tests/fixtures/drf', pages, feedOnly, feedSource: 'feed-source' }, null, 2) + '\n');
console.log(`demo site: ${pages.length} visited pages and ${feedOnly.length} known only from a feed (${sources.length} sources), written to ${out}`);
