import { useState } from 'preact/hooks';
import type { ChangedFile, RepositoryChanges as Changes } from '../../lib/history/repository-changes';
import { counted, type Translate } from '../../lib/i18n';
import type { RepositorySite } from '../../lib/messages';

/** What the repositories section asks of the background; the app asks the browser for GitHub's hosts first. */
export interface RepositorySource {
  changes: (siteId: string, days: number) => Promise<Changes>;
  words: (siteId: string, file: string, base: string, head: string) => Promise<{ addedWords: number; removedWords: number }>;
}

const PERIODS = [7, 30] as const;

type Shown = { state: 'asking' } | { state: 'failed'; message: string } | { state: 'done'; changes: Changes };

/**
 * A change tracker's period overview for sites built from a repository: every page of the docs
 * folder that changed in the last 7 or 30 days, from the commit list (the reader's click is
 * the consent), each page's words counted when asked.
 */
export function RepositoryChanges({ sites, source, t }: { sites: readonly RepositorySite[]; source: RepositorySource; t: Translate }) {
  if (sites.length === 0) return null;
  return (
    <section class="repositories" aria-labelledby="repositories-heading">
      <h2 id="repositories-heading">{t('repoHeading')}</h2>
      <p class="hint">{t('repoIntro')}</p>
      {sites.map((site) => <RepositoryRow key={site.siteId} site={site} source={source} t={t} />)}
    </section>
  );
}

function RepositoryRow({ site, source, t }: { site: RepositorySite; source: RepositorySource; t: Translate }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const ask = (days: number) => {
    setShown({ state: 'asking' });
    source.changes(site.siteId, days).then((changes) => setShown({ state: 'done', changes }), (error: Error) => setShown({ state: 'failed', message: error.message }));
  };
  return (
    <div class="repository">
      <h3>{site.siteName} <code>{site.repo}</code></h3>
      <div class="repository-periods">
        {PERIODS.map((days) => (
          <button key={days} type="button" aria-label={t('repoGetLabel', [site.repo, days])} disabled={shown?.state === 'asking'} onClick={() => ask(days)}>{t('repoGet', [days])}</button>
        ))}
      </div>
      {shown === null && <p class="hint">{t('repoHint', [site.repo, site.folder])}</p>}
      {shown?.state === 'asking' && <p role="status">{t('repoAsking')}</p>}
      {shown?.state === 'failed' && <p role="alert" class="error">{shown.message}</p>}
      {shown?.state === 'done' && <ChangedFiles site={site} changes={shown.changes} source={source} t={t} />}
    </div>
  );
}

function ChangedFiles({ site, changes, source, t }: { site: RepositorySite; changes: Changes; source: RepositorySource; t: Translate }) {
  const pages = changes.files.filter((file) => file.page !== null).length;
  if (changes.files.length === 0) return <p role="status">{t('repoNothing', [site.folder, changes.days])}</p>;
  return (
    <>
      <p role="status" class="site-summary">{t('repoSummary', [counted(t, pages, 'Page'), changes.days, counted(t, changes.commits, 'Commit')])}</p>
      <ul class="repository-files">
        {changes.files.map((file) => <FileRow key={file.file} file={file} count={() => source.words(site.siteId, file.file, changes.base!, changes.head!)} t={t} />)}
      </ul>
    </>
  );
}

function FileRow({ file, count, t }: { file: ChangedFile; count: () => Promise<{ addedWords: number; removedWords: number }>; t: Translate }) {
  const [words, setWords] = useState<string | null>(null);
  const status = file.status === 'added' ? t('repoStatusAdded') : file.status === 'removed' ? t('repoStatusRemoved') : file.status === 'renamed' ? t('repoStatusRenamed') : null;
  return (
    <li>
      {/* The page's address is derived from the file's path by the site's rule; shown as text and as a plain link. */}
      {file.page ? <a href={file.page} target="_blank" rel="noreferrer noopener">{file.page}</a> : <code>{file.file}</code>}
      {file.page && <code class="file">{file.file}</code>}
      {status && <span class="tag">{status}</span>}
      <span class="lines">{t('repoLines', [file.additions, file.deletions])}</span>
      {words === null ? (
        <button type="button" class="link" aria-label={t('repoCountWordsFor', [file.file])} onClick={() => {
          setWords('…');
          count().then((w) => setWords(t('repoWords', [w.addedWords, w.removedWords])), (error: Error) => setWords(error.message));
        }}>{t('repoCountWords')}</button>
      ) : (
        <span class="words" role="status">{words}</span>
      )}
    </li>
  );
}
