import { counted, type Translate } from '../../lib/i18n';
import { hostsOf, type HistoryOffer } from '../../lib/history/history-offers';
import type { SiteHistorySources } from '../../lib/messages';
import type { TimelineEntry } from '../../lib/store/page-timeline';
import type { HistorySourceKind } from '../../lib/store/schema';

/** Where a request to an archive stands, as the popup says it. */
export type HistoryStatus =
  | { kind: HistorySourceKind; state: 'asking' }
  | { kind: HistorySourceKind; state: 'done'; added: number; skipped: string[] }
  | { kind: HistorySourceKind; state: 'failed'; message: string };

/**
 * The page's history from the archives its site has: one button each, which is the reader's
 * consent (nothing is sent before it). With none of a source's versions yet it offers the
 * page's history; after, the versions before the oldest it gave.
 */
export function HistorySources({ history, timeline, status, t, onGet }: {
  history: SiteHistorySources;
  timeline: readonly TimelineEntry[];
  status: HistoryStatus | null;
  t: Translate;
  onGet: (offer: HistoryOffer, older: boolean) => void;
}) {
  if (history.offers.length === 0) return null;
  return (
    <section class="history" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('historyHeading')}</h2>
      {history.offers.map((offer) => {
        const older = timeline.some((entry) => entry.source === offer.kind);
        const label = older ? t('historyOlder', [offer.name]) : offer.repo ? t('historyGetRepo', [offer.name, offer.repo]) : t('historyGet', [offer.name]);
        const mine = status?.kind === offer.kind ? status : null;
        return (
          <div key={offer.kind} class="history-source">
            <button type="button" disabled={mine?.state === 'asking'} onClick={() => onGet(offer, older)}>{label}</button>
            {!older && <p class="hint">{t('historyHint', [hostsOf(offer)])}</p>}
            {mine && <HistoryStatusLine status={mine} name={offer.name} t={t} />}
          </div>
        );
      })}
    </section>
  );
}

function HistoryStatusLine({ status, name, t }: { status: HistoryStatus; name: string; t: Translate }) {
  if (status.state === 'asking') return <p class="history-status" role="status">{t('historyBusy', [name])}</p>;
  if (status.state === 'failed') return <p class="history-status error" role="alert">{t('historyFailed', [status.message])}</p>;
  return (
    <div class="history-status" role="status">
      <p>{status.added > 0 ? t('historyAdded', [counted(t, status.added, 'Version'), name]) : t('historyNothingNew', [name])}</p>
      {status.skipped.map((why) => <p key={why} class="hint">{t('historySkipped', [why])}</p>)}
    </div>
  );
}
