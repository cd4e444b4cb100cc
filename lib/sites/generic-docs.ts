/**
 * Where the article lives on common docs generators, tried after a site's own
 * selectors. Each comment names the generator that uses the selector.
 */
export const genericContentRoots: string[] = [
  'article.md-content__inner', // MkDocs Material
  '.theme-doc-markdown', // Docusaurus
  '.vp-doc', // VitePress
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
  '[hidden]',
  '[aria-hidden="true"]',
  '.headerlink', // Sphinx, MkDocs
  '.anchor-link',
  '.hash-link', // Docusaurus
  '.header-anchor', // VitePress
  '.md-clipboard', // MkDocs Material copy button
];
