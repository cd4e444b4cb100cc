import { counted } from '../../lib/i18n';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { OptionsState } from '../../lib/messages';
import type { ExtensionPageClient } from '../../lib/pages/extension-page-client';
import { originOf, patternFromInput } from '../../lib/sites/custom-sites';
import { Options, type FeedOffer } from './Options';
import { ARCHIVE_ORIGINS, HISTORY_DATA_COLLECTION } from '../../lib/history/history-offers';

/** The options page with its data: one request for the state, one per action, then a fresh state. */
export function OptionsApp({ client }: { client: ExtensionPageClient }) {
  const { t } = client;
  const [state, setState] = useState<OptionsState | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [feedOffers, setFeedOffers] = useState<FeedOffer[]>([]);
  const dropOffer = (siteId: string) => setFeedOffers((offers) => offers.filter((offer) => offer.siteId !== siteId));

  const refresh = useCallback(async () => setState(await client.send('options-state', {})), [client]);
  useEffect(() => {
    refresh().catch((e: Error) => setStatus({ text: t('errorGeneric', [e.message]), error: true }));
  }, [refresh, t]);

  const nameOf = (siteId: string) => state?.sites.find((site) => site.id === siteId)?.name ?? siteId;
  /**
   * Runs an action, fetches the new state, then says how it went. The message comes last so that
   * what it invites is there when it is read: "feed saved" with Sync now already enabled.
   */
  const run = (action: () => Promise<string | null>) => {
    void action()
      .then((text) => (text === null ? null : { text, error: false }), (e: Error) => ({ text: t('errorGeneric', [e.message]), error: true }))
      .then(async (outcome) => {
        await refresh().catch(() => undefined);
        setStatus(outcome);
      });
  };

  return (
    <Options
      state={state}
      status={status}
      t={t}
      now={Date.now()}
      locale={client.locale}
      feedOffers={feedOffers}
      actions={{
        setSiteEnabled: (siteId, enabled) => run(async () => (await client.send('set-site-enabled', { siteId, enabled }), null)),
        setFeed: (siteId, url) => run(async () => {
          await client.send('set-feed', { siteId, url });
          return t(url === null ? 'feedRemoved' : 'feedSaved', [nameOf(siteId)]);
        }),
        syncNow: (siteId) => run(async () => {
          const result = await client.send('sync-feed', { siteId });
          if (result.error) throw new Error(t('syncFailed', [nameOf(siteId), result.error]));
          return t('syncResult', [nameOf(siteId), counted(t, result.pages, 'Page'), counted(t, result.added, 'NewVersion')]);
        }),
        clearSite: (siteId) => run(async () => t('siteCleared', [nameOf(siteId), counted(t, (await client.send('clear-site', { siteId })).pages, 'Page')])),
        setRetention: (retention) => run(async () => t('retentionSaved', [(await client.send('set-retention', retention)).dropped])),
        addSite: (input, selector) => {
          let origin: string;
          try {
            origin = originOf(patternFromInput(input));
          } catch (e) {
            return setStatus({ text: t('errorGeneric', [(e as Error).message]), error: true });
          }
          // The permission prompt must come straight from the reader's click.
          const asked = client.requestAccess([origin]);
          run(async () => {
            if (!(await asked)) throw new Error(t('accessDenied'));
            return t('siteAdded', [(await client.send('add-site', { input, selector, tabId: null })).name]);
          });
        },
        unfollow: (siteId) => run(async () => (await client.send('unfollow-site', { siteId }), null)),
        setFollowArchive: (siteId, on) => {
          // The browser's prompt must come straight from the click; it names what the requests send (Firefox).
          const asked = on ? client.requestAccess(ARCHIVE_ORIGINS, HISTORY_DATA_COLLECTION) : Promise.resolve(true);
          run(async () => {
            if (!(await asked)) throw new Error(t('accessDenied'));
            await client.send('set-follow-archive', { siteId, on });
            return null;
          });
        },
        setFollowNotify: (siteId, on) => {
          // The browser's prompt must come straight from the click.
          const asked = on ? client.requestPermission('notifications') : Promise.resolve(true);
          run(async () => {
            if (!(await asked)) throw new Error(t('accessDenied'));
            await client.send('set-follow-notify', { siteId, on });
            return null;
          });
        },
        removeSite: (siteId) => run(async () => {
          const name = state?.customSites.find((site) => site.id === siteId)?.name ?? siteId;
          await client.send('remove-site', { siteId });
          return t('siteRemoved', [name]);
        }),
        exportAll: () => run(async () => {
          const backup = await client.send('export', {});
          client.download(`docdelta-export-${new Date().toISOString().slice(0, 10)}.json`, JSON.stringify(backup));
          return null;
        }),
        importFile: (file) => run(async () => {
          const report = await client.send('import', { text: await file.text() });
          setFeedOffers(report.feedsOffered);
          const imported = t('imported', [counted(t, report.pages, 'Page'), counted(t, report.versionsAdded, 'NewVersion')]);
          const switches = report.historySwitchesLeft.length ? ` ${t('importHistorySwitchesLeft', [report.historySwitchesLeft.map(nameOf).join(', ')])}` : '';
          const follows = report.followsLeft.length ? ` ${t('importFollowsLeft', [report.followsLeft.map(nameOf).join(', ')])}` : '';
          return `${imported}${switches}${follows}`;
        }),
        acceptFeed: (siteId, url) => run(async () => {
          await client.send('set-feed', { siteId, url });
          dropOffer(siteId);
          return t('feedSaved', [nameOf(siteId)]);
        }),
        dismissFeed: (siteId) => dropOffer(siteId),
        setHistoryAlways: (siteId, offer, on) => {
          // The permission prompt must come straight from the click; turning off needs none.
          const asked = on ? client.requestAccess(offer.origins, HISTORY_DATA_COLLECTION) : Promise.resolve(true);
          run(async () => {
            if (!(await asked)) throw new Error(t('accessDenied'));
            await client.send('set-history-always', { siteId, source: offer.kind, on });
            return null;
          });
        },
        clearAll: () => run(async () => (await client.send('clear-all', {}), t('clearedAll'))),
      }}
    />
  );
}
