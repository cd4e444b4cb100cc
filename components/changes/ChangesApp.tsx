import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ChangesPeriod, SiteChanges } from '../../lib/changes/site-changes';
import type { ExtensionPageClient } from '../../lib/pages/extension-page-client';
import { ChangesPage, type ChangesSource } from './ChangesPage';
import { RepositoryChanges, type RepositorySource } from './RepositoryChanges';
import type { RepositorySite } from '../../lib/messages';
import { GITHUB_ORIGINS, HISTORY_DATA_COLLECTION } from '../../lib/history/history-offers';

/** The changes page with its data, asked of the background for the chosen period. */
export function ChangesApp({ client }: { client: ExtensionPageClient }) {
  // The page opens on the followed sites, since the reader last looked; without any, on their own pages.
  // A followed site's notice opens its week: ?period=7&site=<id>.
  const query = useMemo(() => new URLSearchParams(location.search), []);
  const [period, setPeriod] = useState<ChangesPeriod>(query.get('period') === '7' ? { kind: 'days', days: 7 } : { kind: 'seen' });
  const [sites, setSites] = useState<SiteChanges[] | null>(null);
  const [marked, setMarked] = useState(0);
  useEffect(() => {
    setSites(null);
    void client.send('site-changes', { period }).then((answer) => {
      if (period.kind === 'seen' && answer.length === 0 && marked === 0) setPeriod({ kind: 'last-visit' });
      else setSites(answer);
    }, () => setSites([]));
  }, [client, period, marked]);
  const source = useMemo<ChangesSource>(() => ({
    timeline: (pageKey) => client.send('page-timeline', { pageKey }),
    diff: (pageKey, fromId, toId) => client.send('version-diff', { pageKey, fromId, toId }),
    openLive: (pageKey, versionId) => void client.send('open-page', { pageKey, versionId }),
    markSeen: (siteId) => void client.send('mark-site-seen', { siteId }).then(() => setMarked((n) => n + 1)),
  }), [client]);
  const [repositories, setRepositories] = useState<RepositorySite[]>([]);
  useEffect(() => {
    void client.send('repository-sites', {}).then(setRepositories, () => setRepositories([]));
  }, [client]);
  useEffect(() => {
    const site = query.get('site');
    if (sites && site) document.getElementById(`site-${site}`)?.scrollIntoView();
  }, [sites, query]);
  const repositorySource = useMemo<RepositorySource>(() => ({
    changes: async (siteId, days) => {
      // The prompt comes from the click (this runs before any await); Firefox asks for what the request sends in it.
      const asked = client.requestAccess(GITHUB_ORIGINS, HISTORY_DATA_COLLECTION);
      if (!(await asked)) throw new Error(client.t('accessDenied'));
      return client.send('repository-changes', { siteId, days });
    },
    words: (siteId, file, base, head) => client.send('repository-file-words', { siteId, file, base, head }),
  }), [client]);
  return (
    <ChangesPage sites={sites} period={period} onPeriod={setPeriod} source={source} t={client.t} now={Date.now()} locale={client.locale}>
      <RepositoryChanges sites={repositories} source={repositorySource} t={client.t} />
    </ChangesPage>
  );
}
