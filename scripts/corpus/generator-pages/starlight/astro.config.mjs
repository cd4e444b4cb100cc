import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
export default defineConfig({
  site: 'https://mkdocstrings.example',
  integrations: [starlight({
    title: 'mkdocstrings',
    editLink: { baseUrl: 'https://github.com/mkdocstrings/mkdocstrings/edit/main/' },
    lastUpdated: true,
    pagefind: false,
    sidebar: [{ label: 'Guides', items: [{ label: 'Troubleshooting', slug: 'guides/troubleshooting' }] }],
  })],
});
