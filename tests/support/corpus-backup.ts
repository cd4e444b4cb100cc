import type { Backup } from '../../lib/backup/backup-schema';
import { loadCorpus } from './corpus';
import { corpusBlocks } from './corpus-blocks';

const corpus = loadCorpus();
const PAGES_PER_STEP = 150;

/**
 * Pages made of real corpus versions: every version of each corpus page under its own key
 * at step 0, then copies of them under other keys (each with a revision line of its own, so
 * no two versions are one), as a reader's history grows across a site.
 */
export function corpusBackup(step: number): Backup {
  const pages: Backup['pages'] = [];
  const count = step === 0 ? corpus.length : PAGES_PER_STEP;
  for (let n = 0; n < count; n++) {
    const page = corpus[n % corpus.length]!;
    const table: Backup['pages'][number]['blocks'] = [];
    const index = new Map<string, number>();
    const versions = page.versions.slice(step === 0 ? 0 : -12).map((version, i) => ({
      capturedAt: Date.UTC(2025, 0, 1) + i * 864e5,
      source: 'visit' as const,
      blocks: [...corpusBlocks(page, version), { kind: 'paragraph' as const, level: 0, text: `Revision ${step}.${n}.${i}.` }].map((b) => {
        const key = `${b.kind}|${b.level}|${b.text}`;
        if (!index.has(key)) index.set(key, table.push([b.kind, b.level, b.text]) - 1);
        return index.get(key)!;
      }),
    }));
    const path = step === 0 ? new URL(page.url).pathname : `/copies/${step}/${n}/`;
    const last = versions.at(-1)!.capturedAt;
    pages.push({
      key: `www.django-rest-framework.org${path.replace(/\/$/, '')}`,
      url: `https://www.django-rest-framework.org${path}`,
      title: `${page.slug} ${step}.${n}`,
      siteId: 'django-rest-framework',
      blocks: table,
      versions,
      views: [{ version: versions.length - 1, first: last, last }],
    });
  }
  return { format: 'docdelta-backup', version: 1, exportedAt: Date.now(), pages, feeds: [], settings: [] };
}
