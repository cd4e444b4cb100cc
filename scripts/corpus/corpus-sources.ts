/**
 * The real docs sites whose served HTML history the tests replay, one per
 * generator. `articleSelector` and `referenceIgnore` are the corpus's own
 * reading of the article, chosen by looking at the pages; the tests compare
 * DocDelta against it, so it must never come from DocDelta's site rules.
 */
export interface CorpusSource {
  id: string;
  generator: string;
  repo: string;
  branch: string;
  site: string;
  licenseRef: string;
  /** The licence's file at licenseRef; an .html page's text when the site publishes it only as a page. */
  licenseFile: string;
  spdx: string;
  articleSelector: string;
  /** Inside the article, what a reader does not read as the docs' text (dates, edit links). */
  referenceIgnore: string[];
  pages: string[];
  /** Older deploys are left out (a theme generation the corpus does not sample). */
  since?: string;
  urlOf: (path: string) => string;
}

const dirUrl = (base: string) => (path: string) => base + path.replace(/index\.html$/, '');

export const corpusSources: CorpusSource[] = [
  {
    id: 'hydra-docusaurus',
    generator: 'Docusaurus',
    repo: 'facebookresearch/hydra',
    branch: 'gh-pages',
    site: 'https://hydra.cc',
    licenseRef: 'main',
    licenseFile: 'LICENSE',
    spdx: 'MIT',
    articleSelector: 'article',
    referenceIgnore: ['.theme-doc-footer', '.theme-doc-breadcrumbs', '.theme-doc-toc-mobile', '.theme-doc-version-badge', '.theme-doc-version-banner'],
    pages: ['docs/intro/index.html', 'docs/tutorials/basic/your_first_app/config_groups/index.html'],
    // Docusaurus 2 final; the 2021 betas put "Last updated by" in other elements.
    since: '2022-05-01',
    urlOf: dirUrl('https://hydra.cc/'),
  },
  {
    id: 'vue-element-admin-vuepress',
    generator: 'VuePress',
    repo: 'PanJiaChen/vue-element-admin-site',
    branch: 'gh-pages',
    site: 'https://panjiachen.github.io/vue-element-admin-site',
    licenseRef: 'master',
    licenseFile: 'LICENSE',
    spdx: 'MIT',
    articleSelector: 'div.page',
    referenceIgnore: ['.page-edit', '.page-nav'],
    pages: ['zh/guide/index.html', 'zh/guide/essentials/layout.html'],
    urlOf: (path) => `https://panjiachen.github.io/vue-element-admin-site/${path}`,
  },
  {
    id: 'manim-sphinx',
    generator: 'Sphinx (Furo)',
    repo: '3b1b/manim',
    branch: 'gh-pages',
    site: 'https://3b1b.github.io/manim',
    licenseRef: 'master',
    licenseFile: 'LICENSE.md',
    spdx: 'MIT',
    articleSelector: 'article[role="main"]',
    referenceIgnore: ['.headerlink', '.edit-this-page', '.view-this-page', '.theme-toggle-container', '.content-icon-container'],
    pages: ['getting_started/installation.html', 'getting_started/configuration.html'],
    urlOf: (path) => `https://3b1b.github.io/manim/${path}`,
  },
  {
    id: 'rust-patterns-mdbook',
    generator: 'mdBook',
    repo: 'rust-unofficial/patterns',
    branch: 'gh-pages',
    site: 'https://rust-unofficial.github.io/patterns',
    licenseRef: 'main',
    licenseFile: 'LICENSE',
    spdx: 'MPL-2.0',
    articleSelector: 'main',
    referenceIgnore: ['.boring', '.buttons', '.nav-chapters'],
    pages: ['idioms/ctor.html', 'intro.html', 'anti_patterns/deref.html'],
    urlOf: (path) => `https://rust-unofficial.github.io/patterns/${path}`,
  },
  {
    id: 'mkdocstrings-material',
    generator: 'MkDocs Material',
    repo: 'mkdocstrings/mkdocstrings',
    branch: 'gh-pages',
    site: 'https://mkdocstrings.github.io',
    licenseRef: 'master',
    licenseFile: 'LICENSE',
    spdx: 'ISC',
    articleSelector: 'article.md-content__inner',
    // Edit/view-source buttons, permalinks, the git-revision-date block and the feedback form.
    referenceIgnore: ['.md-content__button', '.headerlink', '.md-source-file', '.md-feedback'],
    pages: ['usage/index.html', 'troubleshooting/index.html', 'recipes/index.html'],
    urlOf: dirUrl('https://mkdocstrings.github.io/'),
  },
  {
    id: 'trisa-hugo',
    generator: 'Hugo (Learn, then Relearn)',
    repo: 'trisacrypto/trisacrypto.github.io',
    branch: 'main',
    site: 'https://trisa.dev',
    // The built site carries no licence file; its source (trisacrypto/trisa) is MIT, as the site's licence page says.
    licenseRef: 'main',
    licenseFile: 'reference/license/index.html',
    spdx: 'MIT',
    // Learn's <main id=body-inner> until April 2024, Relearn's article since.
    articleSelector: 'main#body-inner, #R-body-inner article',
    referenceIgnore: ['footer.footline', 'header.headline', '.anchor'],
    pages: ['getting-started/index.html', 'zh/gds/members/index.html', 'ja/gds/members/index.html', 'reference/faq/index.html'],
    urlOf: dirUrl('https://trisa.dev/'),
  },
];
