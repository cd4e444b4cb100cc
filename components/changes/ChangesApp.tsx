import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ChangesPeriod, SiteChanges } from '../../lib/changes/site-changes';
import type { ExtensionPageClient } from '../../lib/pages/extension-page-client';
import { ChangesPage, type ChangesSource } from './ChangesPage';

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
  return <ChangesPage sites={sites} period={period} onPeriod={setPeriod} source={source} t={client.t} now={Date.now()} locale={client.locale} />;
}
