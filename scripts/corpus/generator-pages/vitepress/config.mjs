export default {
  title: 'mkdocstrings',
  description: 'Automatic documentation from sources',
  lastUpdated: true,
  ignoreDeadLinks: true,
  themeConfig: {
    nav: [{ text: 'Guide', link: '/troubleshooting' }],
    sidebar: [{ text: 'Guide', items: [{ text: 'Troubleshooting', link: '/troubleshooting' }, { text: 'Theming', link: '/theming' }] }],
    editLink: { pattern: 'https://github.com/mkdocstrings/mkdocstrings/edit/main/docs/:path', text: 'Edit this page on GitHub' },
    footer: { message: 'Released under the ISC License.', copyright: 'Copyright © 2019 Timothée Mazzucotelli' },
    docFooter: { prev: 'Previous page', next: 'Next page' },
  },
}
