import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ChangesPeriod, SiteChanges } from '../../lib/changes/site-changes';
import type { ExtensionPageClient } from '../../lib/pages/extension-page-client';
import { ChangesPage, type ChangesSource } from './ChangesPage';
import { RepositoryChanges, type RepositorySource } from './RepositoryChanges';
import type { RepositorySite } from '../../lib/messages';
import { GITHUB_ORIGINS, HISTORY_DATA_COLLECTION } from '../../lib/history/history-offers';

/** The changes page with its data, asked of the background for the chosen period. */
export function ChangesApp({ client }: { client: ExtensionPageClient }) {
  const [period, setPeriod] = useState<ChangesPeriod>({ kind: 'last-visit' });
  const [sites, setSites] = useState<SiteChanges[] | null>(null);
  useEffect(() => {
    setSites(null);
    void client.send('site-changes', { period }).then(setSites, () => setSites([]));
  }, [client, period]);
  const source = useMemo<ChangesSource>(() => ({
    timeline: (pageKey) => client.send('page-timeline', { pageKey }),
    diff: (pageKey, fromId, toId) => client.send('version-diff', { pageKey, fromId, toId }),
    openLive: (pageKey, versionId) => void client.send('open-page', { pageKey, versionId }),
  }), [client]);
  const [repositories, setRepositories] = useState<RepositorySite[]>([]);
  useEffect(() => {
    void client.send('repository-sites', {}).then(setRepositories, () => setRepositories([]));
  }, [client]);
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
