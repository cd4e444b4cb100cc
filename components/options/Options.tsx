import { useState } from 'preact/hooks';
import type { OptionsState, SiteHistorySources, SiteOptions } from '../../lib/messages';
import { formatBytes, formatRelative } from '../../lib/format-time';
import { counted, type Translate } from '../../lib/i18n';
import type { Retention } from '../../lib/store/retention';
import { hostsOf, type HistoryOffer } from '../../lib/history/history-offers';

export interface OptionsActions {
  setSiteEnabled: (siteId: string, enabled: boolean) => void;
  setFeed: (siteId: string, url: string | null) => void;
  syncNow: (siteId: string) => void;
  clearSite: (siteId: string) => void;
  setRetention: (retention: Retention) => void;
  addSite: (input: string, selector: string | null) => void;
  removeSite: (siteId: string) => void;
  exportAll: () => void;
  importFile: (file: File) => void;
  /** Sets a feed an imported file offered (the reader's confirmation), or drops the offer. */
  acceptFeed: (siteId: string, url: string) => void;
  dismissFeed: (siteId: string) => void;
  clearAll: () => void;
  /** "Always ask … on a first visit": turning it on asks the browser for the source's hosts from the click. */
  setHistoryAlways: (siteId: string, offer: HistoryOffer, on: boolean) => void;
  unfollow: (siteId: string) => void;
  /** "Tell me when pages change": turning it on asks the browser for notifications from the click. */
  setFollowNotify: (siteId: string, on: boolean) => void;
  /** "Also the Internet Archive": turning it on asks the browser for the archive's hosts from the click. */
  setFollowArchive: (siteId: string, on: boolean) => void;
}

/** A feed named by an imported file, waiting for the reader to confirm it. */
export interface FeedOffer {
  siteId: string;
  url: string;
}

export interface OptionsProps {
  state: OptionsState | null;
  /** The outcome of the last action, in plain words (announced to screen readers). */
  status: { text: string; error: boolean } | null;
  t: Translate;
  now: number;
  locale?: string;
  actions: OptionsActions;
  /** Feeds the last imported file named, not set until the reader confirms each. */
  feedOffers?: readonly FeedOffer[];
}

/** The options page: sites, their feeds and storage, retention, export/import, clearing. */
export function Options({ state, status, t, now, locale, actions, feedOffers = [] }: OptionsProps) {
  return (
    <div class="options">
      <h1>{t('optionsTitle')}</h1>
      <p role="status" class={status?.error ? 'status error' : 'status'}>{status?.text ?? ''}</p>
      {feedOffers.length > 0 && <FeedOffers offers={feedOffers} nameOf={(id) => state?.sites.find((site) => site.id === id)?.name ?? id} t={t} actions={actions} />}
      <section aria-labelledby="followed-heading">
        <h2 id="followed-heading">{t('followedTitle')}</h2>
        {state && <FollowedSites follows={state.follows} t={t} now={now} locale={locale} actions={actions} />}
      </section>
      <section aria-labelledby="sites-heading">
        <h2 id="sites-heading">{t('sitesHeading')}</h2>
        <p class="hint">{t('sitesHint')}</p>
        {state && (
          <ul class="sites">
            {state.sites.map((site) => <SiteRow key={site.id} site={site} t={t} now={now} locale={locale} actions={actions} />)}
          </ul>
        )}
      </section>
      <section aria-labelledby="custom-heading">
        <h2 id="custom-heading">{t('customSitesHeading')}</h2>
        {state && <CustomSites state={state} t={t} locale={locale} actions={actions} />}
      </section>
      <section aria-labelledby="storage-heading">
        <h2 id="storage-heading">{t('storageHeading')}</h2>
        {state && <StorageSection state={state} t={t} locale={locale} actions={actions} />}
      </section>
    </div>
  );
}

/**
 * Feeds an imported file named. A feed is fetched on every visit to its site, so a file
 * (from someone else, perhaps) never sets one: the reader reads each address and confirms.
 */
function FeedOffers({ offers, nameOf, t, actions }: { offers: readonly FeedOffer[]; nameOf: (siteId: string) => string; t: Translate; actions: OptionsActions }) {
  return (
    <section class="feed-offers" aria-labelledby="feed-offers-heading">
      <h2 id="feed-offers-heading">{t('feedOffersHeading')}</h2>
      <p class="hint">{t('feedOffersHint')}</p>
      <ul>
        {offers.map((offer) => (
          <li key={offer.siteId}>
            <span class="site-name">{nameOf(offer.siteId)}</span> <code>{offer.url}</code>{' '}
            <button type="button" onClick={() => actions.acceptFeed(offer.siteId, offer.url)} aria-label={t('useOfferedFeedFor', [nameOf(offer.siteId)])}>{t('useOfferedFeed')}</button>{' '}
            <button type="button" onClick={() => actions.dismissFeed(offer.siteId)} aria-label={t('dismissOfferedFeedFor', [nameOf(offer.siteId)])}>{t('dismissOfferedFeed')}</button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What the reader follows: each source, when it was last checked, how that went, and what it asked today. */
function FollowedSites({ follows, t, now, locale, actions }: { follows: OptionsState['follows']; t: Translate; now: number; locale?: string; actions: OptionsActions }) {
  if (follows.length === 0) return <p class="hint">{t('followedNone')}</p>;
  return (
    <ul class="followed-sites">
      {follows.map((follow) => (
        <li key={follow.siteId} class="followed-site">
          <span class="site-name">{follow.siteName}</span>{' '}
          <span class="hint">{t('followedSince', [formatRelative(follow.followedAt, now, locale)])}</span>
          {follow.sources.map((source) => (
            <p key={source.kind} class={source.error ? 'hint error' : 'hint'}>
              {source.error ? t('followFailed', [source.name, source.error]) : source.lastCheck === null ? t('followNotChecked', [source.name]) : t('followChecked', [source.name, formatRelative(source.lastCheck, now, locale)])}
              {' · '}{t('followRequestsToday', [source.requestsToday])}
            </p>
          ))}
          <label class="follow-notify">
            <input type="checkbox" checked={follow.notify} onChange={(event) => actions.setFollowNotify(follow.siteId, (event.target as HTMLInputElement).checked)} />
            {' '}{t('followNotify')}
          </label>{' '}
          <label class="follow-archive">
            <input type="checkbox" checked={follow.archive} onChange={(event) => actions.setFollowArchive(follow.siteId, (event.target as HTMLInputElement).checked)} />
            {' '}{t('followArchive')}
          </label>{' '}
          {follow.notify && follow.notifiedAt !== null && <span class="hint">{t('followTold', [formatRelative(follow.notifiedAt, now, locale)])}</span>}{' '}
          <button type="button" onClick={() => actions.unfollow(follow.siteId)} aria-label={`${t('unfollowSite')} ${follow.siteName}`}>{t('unfollowSite')}</button>
        </li>
      ))}
    </ul>
  );
}

function SiteRow({ site, t, now, locale, actions }: { site: SiteOptions; t: Translate; now: number; locale?: string; actions: OptionsActions }) {
  const stored = site.feed?.url ?? '';
  const [url, setUrl] = useState(stored);
  // The stored feed changed (deleted with everything, set from an import's offer): show it. Done
  // while rendering, not in an effect: an effect runs a frame later, and would wipe what the
  // reader typed in between (the first keystrokes after the page opened).
  const [shown, setShown] = useState(stored);
  if (stored !== shown) {
    setShown(stored);
    setUrl(stored);
  }
  const feedStatus = !site.feed
    ? t('feedNone')
    : site.feed.lastSync === null
      ? t('feedNever')
      : site.feed.error
        ? t('feedFailed', [formatRelative(site.feed.lastSync, now, locale), site.feed.error])
        : t('feedOk', [formatRelative(site.feed.lastSync, now, locale)]);
  const inputId = `feed-${site.id}`;
  return (
    <li class="site">
      <div class="site-head">
        <button type="button" role="switch" aria-checked={site.enabled} aria-label={t('trackSite', [site.name])} class="switch"
          onClick={() => actions.setSiteEnabled(site.id, !site.enabled)}>
          <span class="track" aria-hidden="true"><span class="thumb" /></span>
        </button>
        <span class="name">{site.name}</span>
        <span class="usage">
          {site.usage ? t('siteUsage', [counted(t, site.usage.pages, 'Page'), counted(t, site.usage.versions, 'Version'), formatBytes(site.usage.bytes, locale)]) : t('siteUsageNone')}
        </span>
      </div>
      <form class="feed" onSubmit={(event) => {
        event.preventDefault();
        // What the field shows, even when a render has not caught up with the last keystroke (or autofill sent none).
        const typed = ((event.currentTarget as HTMLFormElement).querySelector('input')?.value ?? url).trim();
        actions.setFeed(site.id, typed === '' ? null : typed);
      }}>
        <label for={inputId}>{t('feedUrlFor', [site.name])}</label>
        <input id={inputId} type="url" value={url} placeholder={t('feedPlaceholder')} onInput={(event) => setUrl((event.target as HTMLInputElement).value)} />
        <button type="submit">{t('saveFeed')}</button>
        <button type="button" onClick={() => actions.syncNow(site.id)} disabled={!site.feed}>{t('syncNow')}</button>
      </form>
      <p class={site.feed?.error ? 'feed-status error' : 'feed-status'}>{feedStatus}</p>
      <HistoryAlways siteId={site.id} history={site.history} t={t} actions={actions} />
      {site.usage && <button type="button" class="danger" onClick={() => actions.clearSite(site.id)}>{t('clearSite', [site.name])}</button>}
    </li>
  );
}

/** One switch per history source of the site: asked on every first visit, without the popup's click. */
function HistoryAlways({ siteId, history, t, actions }: { siteId: string; history: SiteHistorySources; t: Translate; actions: OptionsActions }) {
  return (
    <div class="history-always">
      {history.offers.map((offer) => {
        const on = history.always.includes(offer.kind);
        return (
          <div key={offer.kind} class="history-switch">
            <button type="button" role="switch" aria-checked={on} class="switch" onClick={() => actions.setHistoryAlways(siteId, offer, !on)}>
              <span class="track" aria-hidden="true"><span class="thumb" /></span>
              {t('historyAlways', [offer.repo ? `${offer.name} (${offer.repo})` : offer.name])}
            </button>
            <p class="hint">{t('historyAlwaysHint', [hostsOf(offer)])}</p>
          </div>
        );
      })}
    </div>
  );
}

function CustomSites({ state, t, locale, actions }: { state: OptionsState; t: Translate; locale?: string; actions: OptionsActions }) {
  const [input, setInput] = useState('');
  const [selector, setSelector] = useState('');
  return (
    <>
      {state.customSites.length === 0 ? (
        <p class="hint">{t('customSitesNone')}</p>
      ) : (
        <ul class="sites">
          {state.customSites.map((site) => (
            <li key={site.id} class="site">
              <div class="site-head">
                <span class="name">{site.name}</span>
                <code>{site.pattern}</code>
                <span class="usage">
                  {site.usage ? t('siteUsage', [counted(t, site.usage.pages, 'Page'), counted(t, site.usage.versions, 'Version'), formatBytes(site.usage.bytes, locale)]) : t('siteUsageNone')}
                </span>
              </div>
              {site.contentSelector && <p class="hint">{t('selectorShown', [site.contentSelector])}</p>}
              <HistoryAlways siteId={site.id} history={site.history} t={t} actions={actions} />
              <button type="button" class="danger" onClick={() => actions.removeSite(site.id)}>{t('removeSite', [site.name])}</button>
            </li>
          ))}
        </ul>
      )}
      <form class="add-site" onSubmit={(event) => {
        event.preventDefault();
        actions.addSite(input.trim(), selector.trim() || null);
      }}>
        <label>
          {t('addSiteInput')}
          <input type="text" required value={input} onInput={(event) => setInput((event.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('addSiteSelector')}
          <input type="text" value={selector} onInput={(event) => setSelector((event.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t('addSite')}</button>
      </form>
    </>
  );
}

function StorageSection({ state, t, locale, actions }: { state: OptionsState; t: Translate; locale?: string; actions: OptionsActions }) {
  const [maxVersions, setMaxVersions] = useState(String(state.retention.maxVersions));
  const [maxAgeDays, setMaxAgeDays] = useState(String(state.retention.maxAgeDays));
  const [maxStorageMB, setMaxStorageMB] = useState(String(state.retention.maxStorageMB));
  const [confirming, setConfirming] = useState(false);
  const total = state.sites.reduce((n, site) => n + (site.usage?.bytes ?? 0), 0) + state.customSites.reduce((n, site) => n + (site.usage?.bytes ?? 0), 0) + state.feedCache.bytes;
  return (
    <>
      <p>{t('storageTotal', [formatBytes(total, locale)])}</p>
      {state.feedCache.files > 0 && <p class="hint">{t('storageFeedCache', [String(state.feedCache.files), formatBytes(state.feedCache.bytes, locale)])}</p>}
      {state.estimate && <p class="hint">{t('storageEstimate', [formatBytes(state.estimate.usage, locale), formatBytes(state.estimate.quota, locale)])}</p>}
      <form class="retention" onSubmit={(event) => {
        event.preventDefault();
        actions.setRetention({ maxVersions: Number(maxVersions), maxAgeDays: Number(maxAgeDays), maxStorageMB: Number(maxStorageMB) });
      }}>
        <h3>{t('retentionHeading')}</h3>
        <label>
          {t('retentionVersions')}
          <input type="number" min={2} max={10000} required value={maxVersions} onInput={(event) => setMaxVersions((event.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('retentionDays')}
          <input type="number" min={0} max={36500} required value={maxAgeDays} onInput={(event) => setMaxAgeDays((event.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('retentionBudget')}
          <input type="number" min={0} max={1000000} required value={maxStorageMB} onInput={(event) => setMaxStorageMB((event.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t('saveRetention')}</button>
      </form>
      <div class="backup">
        <button type="button" onClick={actions.exportAll}>{t('exportData')}</button>
        <label class="file">
          {t('importData')}
          <input type="file" accept="application/json,.json" onChange={(event) => {
            const input = event.target as HTMLInputElement;
            const file = input.files?.[0];
            if (file) actions.importFile(file);
            input.value = '';
          }} />
        </label>
        <button type="button" class="danger" onClick={() => {
          if (!confirming) return setConfirming(true);
          setConfirming(false);
          actions.clearAll();
        }} onBlur={() => setConfirming(false)}>{t(confirming ? 'clearAllConfirm' : 'clearAll')}</button>
      </div>
    </>
  );
}
