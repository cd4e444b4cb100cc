export default {
  logo: <span>mkdocstrings</span>,
  project: { link: 'https://github.com/mkdocstrings/mkdocstrings' },
  docsRepositoryBase: 'https://github.com/mkdocstrings/mkdocstrings/tree/main/docs',
  footer: { text: 'ISC License, Copyright (c) 2019 Timothée Mazzucotelli' },
  feedback: { content: 'Question? Give us feedback →' },
  editLink: { text: 'Edit this page on GitHub →' },
  gitTimestamp: ({ timestamp }) => <>Last updated on {timestamp.toDateString()}</>,
}
