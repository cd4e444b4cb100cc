import { markdownFiles, markdownPage, pathUnder } from './github-source';
import { hostAndPath, hostIs, type SiteRule } from './site-rule';

/** The docs sites DocDelta tracks out of the box. */
export const builtinSites: SiteRule[] = [
  {
    id: 'openai-developers',
    name: 'OpenAI developer docs',
    patterns: ['https://developers.openai.com/*', 'https://platform.openai.com/docs/*'],
    matches: (url) =>
      url.hostname === 'developers.openai.com' ||
      hostAndPath('platform.openai.com', /^\/docs(\/|$)/)(url),
    contentRoots: ['main article', 'main'],
    examples: [
      'https://developers.openai.com/api/docs/guides/text',
      'https://platform.openai.com/docs/guides/function-calling',
      'https://platform.openai.com/docs/api-reference/responses/create',
    ],
  },
  {
    id: 'anthropic-docs',
    name: 'Claude docs',
    patterns: ['https://docs.anthropic.com/*', 'https://docs.claude.com/*', 'https://code.claude.com/docs/*'],
    matches: (url) =>
      hostIs('docs.anthropic.com', 'docs.claude.com')(url) ||
      hostAndPath('code.claude.com', /^\/docs(\/|$)/)(url),
    contentRoots: ['#content-area', '.mdx-content', 'main article', 'article'],
    examples: [
      'https://docs.anthropic.com/en/docs/about-claude/models/overview',
      'https://docs.claude.com/en/api/messages',
      'https://code.claude.com/docs/en/overview',
    ],
  },
  {
    id: 'django-rest-framework',
    name: 'Django REST framework',
    patterns: ['*://www.django-rest-framework.org/*'],
    matches: hostIs('www.django-rest-framework.org'),
    // The site moved from a Bootstrap theme to MkDocs Material in March 2026.
    contentRoots: ['article.md-content__inner', '#main-content'],
    ignore: ['a.github'],
    // MkDocs: /api-guide/fields/ is docs/api-guide/fields.md.
    github: {
      repo: 'encode/django-rest-framework',
      branch: 'main',
      files: (url) => markdownFiles('docs', pathUnder(url)),
      folder: 'docs',
      pageOf: (file) => markdownPage('https://www.django-rest-framework.org', 'docs', file, { slash: true }),
      examples: [
        ['https://www.django-rest-framework.org/api-guide/fields/', 'docs/api-guide/fields.md'],
        ['https://www.django-rest-framework.org/tutorial/1-serialization/', 'docs/tutorial/1-serialization.md'],
        ['https://www.django-rest-framework.org/', 'docs/index.md'],
      ],
    },
    examples: [
      'https://www.django-rest-framework.org/api-guide/fields/',
      'https://www.django-rest-framework.org/tutorial/1-serialization/',
    ],
  },
  {
    id: 'mdn',
    name: 'MDN Web Docs',
    patterns: ['https://developer.mozilla.org/*'],
    matches: hostAndPath('developer.mozilla.org', /^\/[a-zA-Z-]+\/docs\//),
    contentRoots: ['.main-page-content', 'main article', 'main'],
    markdown: { templates: 'kumascript' },
    // English pages only (translations live in mdn/translated-content): /en-US/docs/Web/API/X
    // is files/en-us/web/api/x/index.md, with the characters a folder name cannot hold spelled out.
    github: {
      repo: 'mdn/content',
      branch: 'main',
      files: (url) => {
        const path = pathUnder(url, '/en-US/docs/');
        return path ? [`files/en-us/${mdnFolder(path)}/index.md`] : [];
      },
      folder: 'files/en-us',
      // The folder is the slug in lower case; MDN answers a lower-case address with the page.
      pageOf: (file) => {
        const folder = /^files\/en-us\/(.+)\/index\.md$/.exec(file)?.[1];
        return folder ? `https://developer.mozilla.org/en-US/docs/${folder.replaceAll('_doublecolon_', '::').replaceAll('_colon_', ':').replaceAll('_star_', '*')}` : null;
      },
      examples: [
        ['https://developer.mozilla.org/en-US/docs/Web/API/HTMLElement/click', 'files/en-us/web/api/htmlelement/click/index.md'],
        ['https://developer.mozilla.org/en-US/docs/Web/CSS/::before', 'files/en-us/web/css/_doublecolon_before/index.md'],
        ['https://developer.mozilla.org/en-US/docs/Web/CSS/:hover', 'files/en-us/web/css/_colon_hover/index.md'],
      ],
    },
    examples: [
      'https://developer.mozilla.org/en-US/docs/Web/API/CSS_Custom_Highlight_API',
      'https://developer.mozilla.org/fr/docs/Web/HTML/Element/details',
    ],
  },
  {
    id: 'react',
    name: 'React',
    patterns: ['https://react.dev/*'],
    matches: hostAndPath('react.dev', /^\/(learn|reference|blog)(\/|$)/),
    contentRoots: ['main article', 'article', 'main'],
    github: {
      repo: 'reactjs/react.dev',
      branch: 'main',
      files: (url) => markdownFiles('src/content', pathUnder(url)),
      folder: 'src/content',
      pageOf: (file) => markdownPage('https://react.dev', 'src/content', file, { slash: false }),
      examples: [
        ['https://react.dev/reference/react/useState', 'src/content/reference/react/useState.md'],
        ['https://react.dev/learn/thinking-in-react', 'src/content/learn/thinking-in-react.md'],
      ],
    },
    examples: ['https://react.dev/reference/react/useState', 'https://react.dev/learn/thinking-in-react'],
  },
  {
    id: 'python-docs',
    name: 'Python documentation',
    patterns: ['https://docs.python.org/*'],
    matches: hostIs('docs.python.org'),
    contentRoots: ['div.body[role="main"]', 'div.body', '[role="main"]'],
    examples: ['https://docs.python.org/3/library/asyncio-task.html', 'https://docs.python.org/3.12/tutorial/index.html'],
  },
  {
    id: 'kubernetes',
    name: 'Kubernetes documentation',
    patterns: ['https://kubernetes.io/*'],
    matches: hostAndPath('kubernetes.io', /^\/([a-z]{2}(-[a-z]+)?\/)?docs\//),
    contentRoots: ['.td-content', 'main'],
    markdown: {
      templates: 'hugo',
      shortcodeLabels: {
        note: 'Note:',
        caution: 'Caution:',
        warning: 'Warning:',
        'heading whatsnext': "What's next",
        'heading prerequisites': 'Before you begin',
        'heading objectives': 'Objectives',
        'heading cleanup': 'Cleaning up',
      },
      // Without `text`, a glossary link shows the term's name; its id is the nearest the source holds.
      shortcodeTextArguments: { glossary_tooltip: 'text|term_id', tab: 'name' },
    },
    examples: [
      'https://kubernetes.io/docs/concepts/workloads/pods/',
      'https://kubernetes.io/zh-cn/docs/concepts/overview/',
    ],
  },
  {
    id: 'github-docs',
    name: 'GitHub Docs',
    patterns: ['https://docs.github.com/*'],
    matches: hostIs('docs.github.com'),
    contentRoots: ['#article-contents', '[data-container="article"]', 'main article', 'main'],
    markdown: { templates: 'liquid' },
    examples: [
      'https://docs.github.com/en/actions/writing-workflows/quickstart',
      'https://docs.github.com/en/rest/repos/repos',
    ],
  },
  {
    id: 'microsoft-learn',
    name: 'Microsoft Learn',
    patterns: ['https://learn.microsoft.com/*'],
    matches: hostAndPath('learn.microsoft.com', /^\/[a-z]{2}-[a-z]{2}\//),
    contentRoots: ['main .content', 'main'],
    examples: [
      'https://learn.microsoft.com/en-us/dotnet/csharp/tour-of-csharp/',
      'https://learn.microsoft.com/de-de/azure/storage/blobs/storage-blobs-introduction',
    ],
  },
  {
    id: 'docker-docs',
    name: 'Docker Docs',
    patterns: ['https://docs.docker.com/*'],
    matches: hostIs('docs.docker.com'),
    contentRoots: ['article.prose', 'main article', '.prose', 'main'],
    markdown: { templates: 'hugo', shortcodeTextArguments: { tab: 'name' } },
    examples: ['https://docs.docker.com/engine/install/debian/', 'https://docs.docker.com/compose/'],
  },
  {
    id: 'hugo-docs',
    name: 'Hugo documentation',
    patterns: ['https://gohugo.io/*'],
    matches: hostIs('gohugo.io'),
    // The theme of 2024 on (`#article .content`), and the one before it (`#prose`).
    contentRoots: ['#article .content', '#prose', 'main article', 'main'],
    // `code-toggle`'s tabs: a config example converted to YAML, TOML and JSON, which its source
    // (one of them) cannot give; ignored on both sides so a feed version still matches the page.
    ignore: ['.shortcode-code', '.code-nav', '.tab-content'],
    markdown: {
      templates: 'hugo',
      typographer: true,
      definitionLists: true,
      shortcodeCode: ['code', 'highlight'],
      shortcodeHidden: ['code-toggle'],
      shortcodeTextArguments: { code: 'file' },
    },
    // Hugo: /a/b/ is content/en/a/b.md, a bundle's a/b/index.md, or a section's a/b/_index.md.
    github: {
      repo: 'gohugoio/hugoDocs',
      branch: 'master',
      files: (url) => {
        const path = pathUnder(url);
        return path === null ? [] : [...markdownFiles('content/en', path), `content/en/${path ? `${path}/` : ''}_index.md`];
      },
      folder: 'content/en',
      pageOf: (file) => markdownPage('https://gohugo.io', 'content/en', file, { slash: true }),
      examples: [
        ['https://gohugo.io/content-management/shortcodes/', 'content/en/content-management/shortcodes.md'],
        ['https://gohugo.io/hugo-pipes/introduction/', 'content/en/hugo-pipes/introduction.md'],
      ],
    },
    examples: ['https://gohugo.io/content-management/shortcodes/', 'https://gohugo.io/getting-started/configuration/'],
  },
  {
    id: 'jekyll-docs',
    name: 'Jekyll documentation',
    patterns: ['https://jekyllrb.com/*'],
    matches: hostAndPath('jekyllrb.com', /^\/(docs|tutorials)\//),
    contentRoots: ['article', '.docs .unit.four-fifths'],
    // "Improve this page" links to the source; the pager and the tutorial's step list repeat other pages' titles.
    ignore: ['.improve', '.section-nav', '.step-nav'],
    // Liquid in kramdown, which sets quotes and dashes typographically and reads definition lists.
    markdown: {
      templates: 'liquid',
      typographer: true,
      definitionLists: true,
      // The docs layout shows the page's title as the article's heading, the tutorial's layout
      // its own title and the step's number; a version badge comes by include.
      layoutHeadings: { '*': ['# {title}'], step: ['# Step by Step Tutorial', '## {position}. {title}'] },
      shortcodeTextArguments: { 'docs_version_badge.html': 'version' },
    },
    // Jekyll's own docs: collections under docs/, /docs/a/b/ from docs/_docs/a/b.md.
    github: {
      repo: 'jekyll/jekyll',
      branch: 'master',
      files: (url) => {
        const path = pathUnder(url);
        const [collection, ...rest] = path?.split('/') ?? [];
        return collection === 'docs' || collection === 'tutorials' ? markdownFiles(`docs/_${collection}`, rest.join('/')) : [];
      },
      folder: 'docs',
      pageOf: (file) => {
        const collection = /^docs\/_(docs|tutorials)\//.exec(file)?.[1];
        const page = collection ? markdownPage('https://jekyllrb.com', `docs/_${collection}`, file, { slash: true }) : null;
        return page && page.replace('https://jekyllrb.com/', `https://jekyllrb.com/${collection}/`);
      },
      examples: [
        ['https://jekyllrb.com/docs/liquid/tags/', 'docs/_docs/liquid/tags.md'],
        ['https://jekyllrb.com/docs/step-by-step/10-deployment/', 'docs/_docs/step-by-step/10-deployment.md'],
      ],
    },
    examples: ['https://jekyllrb.com/docs/liquid/tags/', 'https://jekyllrb.com/docs/installation/macos/'],
  },
];

/** An MDN slug as its folder in mdn/content: lower case, with `::`, `:` and `*` spelled out. */
function mdnFolder(slug: string): string {
  return slug.toLowerCase().replaceAll('::', '_doublecolon_').replaceAll(':', '_colon_').replaceAll('*', '_star_');
}
