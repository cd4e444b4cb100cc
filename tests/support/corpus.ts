import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The Django REST framework docs' real history (tests/fixtures/drf, BSD-3-Clause). */
export const corpusDir = resolve(import.meta.dirname, '../fixtures/drf');

export interface CorpusVersion {
  stem: string;
  date: string;
  html: string;
  markdownPath: string | null;
}

export interface CorpusPage {
  slug: string;
  url: string;
  versions: CorpusVersion[];
}

interface Manifest {
  pages: Array<{ slug: string; original_url: string; versions: Array<{ file: string; date: string }> }>;
}

export function loadCorpus(): CorpusPage[] {
  const manifest = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as Manifest;
  return manifest.pages.map((page) => ({
    slug: page.slug,
    url: page.original_url,
    versions: page.versions.map((version) => {
      const html = join(corpusDir, version.file);
      const markdown = html.replace(/\.html$/, '.md');
      return {
        stem: version.file.split('/')[1]!.replace(/\.html$/, ''),
        date: version.date,
        html,
        markdownPath: existsSync(markdown) ? markdown : null,
      };
    }),
  }));
}

export function readHtml(version: CorpusVersion): string {
  return readFileSync(version.html, 'utf8');
}
