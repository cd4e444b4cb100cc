/**
 * Where the article lives on common docs generators, tried after a site's own
 * selectors. Each comment names the generator that uses the selector.
 */
export const genericContentRoots: string[] = [
  'article.md-content__inner', // MkDocs Material
  '.theme-doc-markdown', // Docusaurus
  '.vp-doc', // VitePress
  '.theme-default-content', // VuePress 1–2
  '.page > .content', // VuePress 0.x
  '.sl-markdown-content', // Starlight
  '.td-content', // Hugo Docsy
  'article.markdown', // Hugo Book
  '#body-inner', // Hugo Learn / Relearn
  '.main-content > main', // Jekyll just-the-docs
  '#content > main', // mdBook
  'div.body[role="main"]', // Sphinx (classic, alabaster, furo)
  '[itemprop="articleBody"]', // Sphinx RTD theme
  '#content-area', // Mintlify
  '.markdown-body', // GitHub-style markdown
  '#main-content', // MkDocs Bootstrap themes
  'main article',
  'article',
  '[role="main"]',
  'main',
];

/**
 * Not content: permalink glyphs, copy buttons, screen-reader-hidden icons and
 * navigation. They change with the theme, not with the docs.
 */
export const genericIgnore: string[] = [
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'button',
  'select',
  'input',
  'textarea',
  'iframe',
  'canvas',
  'nav',
  // Hidden tab panels are read: which tab a reader last chose is not a change to the page.
  '[hidden]:not([role="tabpanel"])',
  // Hidden by the page's own markup (a comments block waiting for its script); computed styles would cost a layout.
  '[style*="display: none"]:not([role="tabpanel"])',
  '[style*="display:none"]:not([role="tabpanel"])',
  '[aria-hidden="true"]',
  '.headerlink', // Sphinx, MkDocs
  '.anchor-link',
  '.hash-link', // Docusaurus
  '.header-anchor', // VitePress
  '.md-clipboard', // MkDocs Material copy button
  // Dates, edit links and feedback: they change on every deploy, not with the docs.
  '.md-source-file', // MkDocs Material git-revision-date
  '.md-feedback', // MkDocs Material "Was this page helpful?"
  '#__comments', // MkDocs Material's comments (Giscus) heading
  '.theme-doc-footer', // Docusaurus edit link and "Last updated"
  '.theme-last-updated',
  '.theme-edit-this-page',
  '.page-edit', // VuePress edit link and "Last updated"
  '.page-nav', // VuePress previous/next
  '.last-updated',
  '.VPDocFooter', // VitePress edit link, last updated, prev/next
  '.edit-this-page', // Sphinx (Furo, PyData)
  '.view-this-page',
  '.content-icon-container', // Furo
  '.td-page-meta', // Hugo Docsy
  '.td-page-meta__lastmod', // Docsy ≥ 0.7 "Last modified …: commit"
  '.td-content > .text-muted.border-top', // Docsy ≤ 0.6, the same line
  '.feedback--title', // Docsy "Feedback / Was this page helpful?"
  '.feedback--question',
  '.feedback--response',
  '.boring', // mdBook lines hidden until the reader asks
  // Line numbers of code listings: they all move when code above them grows, and the page's
  // source has none (a listing's numbers are the generator's, not the docs').
  '.linenos', // Pygments: Sphinx, MkDocs, mkdocstrings' "Source code in …"
  '.linenodiv',
  '.chroma .ln', // Hugo (Chroma), inline and table
  '.chroma .lnt',
  '.rouge-gutter', // Jekyll (Rouge)
  '.pagination-nav', // Docusaurus previous/next
  '.theme-doc-version-badge', // Docusaurus "Version: 1.3"
  '.theme-doc-version-banner',
  'footer', // a theme's footer inside the article: copyright, "Powered by", page meta
  '.edit-meta', // Hugo TechDoc "Last updated on … Edit on GitHub"
  '.prev-next-area', // PyData / Book Sphinx themes' previous/next
  '.sl-anchor-link', // Starlight's heading links ("Section titled …" for screen readers)
  '[class*="language-"] > span.lang', // VitePress code blocks' language label
  // Themes hide their frame when printing (pagers, edit links, feedback): the article prints.
  '[class*="print:hidden"]', // Tailwind themes (Starlight, Nextra ≥ 3)
  '[class*="print:nx-hidden"]', // Nextra 2
  '.d-print-none', // Bootstrap themes (Docsy, PyData)
  // Words only a screen reader hears, for links and icons ("(opens in a new tab)").
  '.sr-only',
  '.nx-sr-only',
  '.visually-hidden',
  '.nextra-breadcrumb',
];
