import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Real docs sites' served HTML histories, one per generator (scripts/corpus/). */
export const corporaDir = resolve(import.meta.dirname, '../fixtures/corpora');

export interface GeneratorVersion {
  file: string;
  date: string;
  /** The corpus's own reading: did the article's text change in this deploy? */
  articleChanged: boolean;
}

export interface GeneratorPage {
  corpus: string;
  generator: string;
  slug: string;
  url: string;
  /** The corpus's independent reading of the article (never DocDelta's rules). */
  articleSelector: string;
  referenceIgnore: string[];
  versions: GeneratorVersion[];
}

interface Manifest {
  corpus: string;
  generator: string;
  article_selector: string;
  reference_ignore: string[];
  pages: Array<{ slug: string; original_url: string; versions: Array<{ file: string; date: string; article_changed: boolean }> }>;
}

export function loadGeneratorCorpora(): GeneratorPage[] {
  return readdirSync(corporaDir).flatMap((corpus) => {
    const manifest = JSON.parse(readFileSync(join(corporaDir, corpus, 'manifest.json'), 'utf8')) as Manifest;
    return manifest.pages.map((page) => ({
      corpus,
      generator: manifest.generator,
      slug: page.slug,
      url: page.original_url,
      articleSelector: manifest.article_selector,
      referenceIgnore: manifest.reference_ignore,
      versions: page.versions.map((v) => ({ file: join(corporaDir, corpus, v.file), date: v.date, articleChanged: v.article_changed })),
    }));
  });
}
