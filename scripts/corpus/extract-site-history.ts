// Copies a few pages' served-HTML history out of a docs site's published branch
// (gh-pages) into tests/fixtures/corpora/<corpus>/, in the shared corpus's
// layout: <slug>/<YYYYMMDDTHHMMSSZ>_<commit8>.html plus manifest.json with the
// licence. Only data files (built pages) are copied, never the site's code.
//
//   npx jiti scripts/corpus/extract-site-history.ts <corpus-id> <path to a bare git dir>
//
// A version is kept when the article's text (the corpus's article selector,
// whitespace collapsed) differs from the previous kept one; deploys that only
// changed the rest of the page are kept too, a few per page, flagged
// article_changed: false, so tests can check that they show no change.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { corpusSources, type CorpusSource } from './corpus-sources';

const TEXT_VERSIONS = 12;
/** Chrome-only deploys kept per page: at least this many, more where the article changed rarely. */
const CHROME_ONLY_VERSIONS = 3;
const MIN_VERSIONS = 12;
/** A page with fewer words is a placeholder ("FAQ — Stay tuned!"), not yet an article: such deploys are left out. */
const MIN_ARTICLE_WORDS = 20;

const [id, gitDir] = process.argv.slice(2);
const source = corpusSources.find((s) => s.id === id);
if (!source || !gitDir) {
  console.error(`usage: extract-site-history.ts <${corpusSources.map((s) => s.id).join('|')}> <bare git dir>`);
  process.exit(2);
}

const git = (...args: string[]) => execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 1 << 28 }).toString();

function articleText(html: string, src: CorpusSource): string {
  const { document } = parseHTML(html);
  const root = document.querySelector(src.articleSelector);
  if (!root) return '';
  root.querySelectorAll(['script', 'style', 'noscript', ...src.referenceIgnore].join(',')).forEach((el: Element) => el.remove());
  return (root.textContent ?? '').split(/\s+/).filter(Boolean).join(' ');
}

interface Kept {
  commit: string;
  date: string;
  blob: string;
  html: string;
  articleChanged: boolean;
  message: string;
}

function historyOf(src: CorpusSource, path: string): Kept[] {
  const log = git('log', '--reverse', '--format=%H%x09%cI%x09%s', src.branch, '--', path).trim().split('\n').filter(Boolean);
  const kept: Kept[] = [];
  let lastBlob = '';
  let lastText: string | null = null;
  for (const line of log) {
    const [commit, date, message] = line.split('\t') as [string, string, string];
    let blob: string;
    try {
      blob = git('rev-parse', `${commit}:${path}`).trim();
    } catch {
      continue; // deleted in this commit
    }
    if (blob === lastBlob || (src.since && date < src.since)) continue;
    lastBlob = blob;
    const html = git('cat-file', 'blob', blob);
    const text = articleText(html, src);
    if (text.split(' ').length < MIN_ARTICLE_WORDS) continue;
    kept.push({ commit, date: new Date(date).toISOString().replace(/\.000Z$/, 'Z'), blob, html, articleChanged: text !== lastText, message });
    lastText = text;
  }
  return kept;
}

/** The newest TEXT_VERSIONS article changes, with a few chrome-only deploys among them. */
function window(all: Kept[]): Kept[] {
  const changed = all.map((k, i) => (k.articleChanged ? i : -1)).filter((i) => i >= 0);
  const from = changed[Math.max(0, changed.length - TEXT_VERSIONS)] ?? 0;
  const slice = all.slice(from);
  let chromeOnly = 0;
  const chromeWanted = Math.max(CHROME_ONLY_VERSIONS, MIN_VERSIONS - slice.filter((k) => k.articleChanged).length);
  // Newest chrome-only deploys first, so the sample is the site's current theme.
  const keep = new Set<Kept>();
  for (let i = slice.length - 1; i >= 0; i--) {
    const k = slice[i]!;
    if (k.articleChanged || i === 0) keep.add(k);
    else if (chromeOnly < chromeWanted) {
      keep.add(k);
      chromeOnly++;
    }
  }
  return slice.filter((k) => keep.has(k));
}

const outDir = resolve(import.meta.dirname, '../../tests/fixtures/corpora', source.id);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const pages = source.pages.map((path) => {
  const slug = path.replace(/\/index\.html$/, '').replace(/\.html$/, '').replaceAll('/', '__');
  const all = historyOf(source, path);
  const versions = window(all).map((k) => {
    const stamp = k.date.replace(/[-:]/g, '');
    const file = `${slug}/${stamp}_${k.commit.slice(0, 8)}.html`;
    mkdirSync(join(outDir, slug), { recursive: true });
    writeFileSync(join(outDir, file), k.html);
    return {
      file,
      date: k.date,
      commit: k.commit,
      blob: k.blob,
      commit_message: k.message,
      sha256: createHash('sha256').update(k.html).digest('hex'),
      article_changed: k.articleChanged,
    };
  });
  console.log(`${slug}: ${all.length} distinct blobs, ${all.filter((k) => k.articleChanged).length} article changes; kept ${versions.length}`);
  return { slug, repo_path: path, original_url: source.urlOf(path), distinct_html_blobs: all.length, versions };
});

const licenceFile = git('show', `${source.licenseRef}:${source.licenseFile}`);
// A licence published only as a page: its article's text, one paragraph per line.
const licence = source.licenseFile.endsWith('.html')
  ? [...parseHTML(licenceFile).document.querySelectorAll(`${source.articleSelector} p`)].map((p: Element) => (p.textContent ?? '').replace(/\s+/g, ' ').trim()).join('\n\n') + '\n'
  : licenceFile;
writeFileSync(
  join(outDir, 'manifest.json'),
  JSON.stringify(
    {
      corpus: source.id,
      generator: source.generator,
      description: `Served HTML of ${source.site} pages as committed to the ${source.branch} branch of ${source.repo}. A version is kept when the article's text (${source.articleSelector}) changed; at least ${CHROME_ONLY_VERSIONS} deploys per page (more where the article changed rarely) that changed only the rest of the page are kept too (article_changed: false). Deploys whose article has fewer than ${MIN_ARTICLE_WORDS} words (placeholders) are left out.`,
      source_repo: `https://github.com/${source.repo}`,
      source_branch: source.branch,
      site: source.site,
      article_selector: source.articleSelector,
      reference_ignore: source.referenceIgnore,
      license: { file: `${source.licenseFile} (${source.licenseRef})`, spdx: source.spdx, text: licence },
      date_basis: `committer date (UTC) of the ${source.branch} commit`,
      pages,
    },
    null,
    1,
  ) + '\n',
);
