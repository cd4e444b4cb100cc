import { useEffect, useState } from 'preact/hooks';
import type { TimelineEntry } from '../../lib/store/page-timeline';
import { formatDateTime, formatRelative } from '../../lib/format-time';
import { sinceBaseline, sourceName } from '../../lib/version-words';
import { counted, type Translate } from '../../lib/i18n';
import type { PageSummary, TabState } from '../../lib/messages';
import type { Shortcut } from '../../lib/shortcuts';
import { ActivityStrip } from './ActivityStrip';
import { HistorySources, type HistoryStatus } from './HistorySources';
import type { HistoryOffer } from '../../lib/history/history-offers';

export interface PopupActions {
  setHighlights: (on: boolean) => void;
  markSeen: () => void;
  firstChange: () => void;
  chooseBaseline: (versionId: number) => void;
  openChanges: () => void;
  openOptions: () => void;
  /** "Track this site": the reader's click asks the browser for access to the origin. */
  trackSite: (origin: string) => void;
  /** "Where is the article?": the selector for a site the reader added (null: let DocDelta look). */
  setArticleSelector: (siteId: string, selector: string | null) => void;
  /** "Get this page's history from …": the reader's click asks the browser for the source's hosts, then the background asks the source. */
  getHistory: (offer: HistoryOffer, older: boolean) => void;
  /** "Follow this site": the reader's click asks the browser for GitHub's hosts, then the background follows it. */
  follow: (siteId: string, on: boolean, offer: { github: boolean; feed: boolean }) => void;
}


export interface PopupProps {
  /** Null while the tab is being asked. */
  state: TabState | null;
  error: string | null;
  /** The last request to an archive from this popup. */
  historyStatus?: HistoryStatus | null;
  t: Translate;
  now: number;
  locale?: string;
  shortcuts: Shortcut[];
  actions: PopupActions;
}

/**
 * DocDelta read the page and found nothing like an article. On a site the
 * reader added, they can say where it is; the page is read again with it.
 */
function NoArticle({ site, t, actions }: { site: Extract<TabState, { kind: 'no-article' }>['site']; t: Translate; actions: PopupActions }) {
  const [selector, setSelector] = useState(site?.selector ?? '');
  return (
    <>
      <p class="message">{t('noArticle')}</p>
      {site?.custom ? (
        <form class="article-selector" onSubmit={(event) => {
          event.preventDefault();
          actions.setArticleSelector(site.id, selector.trim() || null);
        }}>
          <label>
            {t('articleSelectorLabel')}
            <input type="text" value={selector} placeholder="#content, main .doc" spellcheck={false} onInput={(event) => setSelector((event.target as HTMLInputElement).value)} />
          </label>
          <p class="hint">{t('articleSelectorHint')}</p>
          <button type="submit" class="primary">{t('useArticleSelector')}</button>
        </form>
      ) : (
        <p class="hint">{t('noArticleBuiltin')}</p>
      )}
    </>
  );
}

/** The toolbar popup: the tab's changes, the switch, and the page's timeline. */
export function Popup({ state, error, historyStatus = null, t, now, locale, shortcuts, actions }: PopupProps) {
  return (
    <div class="popup">
      <header>
        <h1>{t('popupTitle')}</h1>
        {state?.kind === 'tracked' && <span class="site">{state.siteName}</span>}
      </header>
      <main aria-busy={state === null}>
        {error !== null ? (
          <p role="alert" class="message">{t('errorGeneric', [error])}</p>
        ) : state === null ? (
          <p class="message">{t('loading')}</p>
        ) : state.kind === 'untracked' ? (
          <>
            <p class="message">{t('untracked')}</p>
            {state.origin && (
              <>
                <button type="button" class="primary" onClick={() => actions.trackSite(state.origin!)}>{t('trackThisSite', [new URL(state.origin).host])}</button>
                <p class="hint">{t('trackHint')}</p>
              </>
            )}
          </>
        ) : state.kind === 'problem' ? (
          <p role="alert" class="message error">{t('pageProblem', [state.message])}</p>
        ) : state.kind === 'private' ? (
          <p class="message">{t('privateWindow')}</p>
        ) : state.kind === 'reading' ? (
          <p class="message">{t('stillReading')}</p>
        ) : state.kind === 'no-article' ? (
          <NoArticle site={state.site} t={t} actions={actions} />
        ) : (
          <TrackedPage state={state} historyStatus={historyStatus} t={t} now={now} locale={locale} actions={actions} />
        )}
      </main>
      <footer>
        <h2>{t('shortcuts')}</h2>
        <dl class="shortcuts">
          {shortcuts.map((shortcut) => (
            <div key={shortcut.command}>
              <dt>{t(shortcut.command === 'toggle-highlights' ? 'commandToggle' : shortcut.command === 'next-change' ? 'commandNext' : 'commandPrevious')}</dt>
              <dd>{shortcut.keys === null ? '' : shortcut.keys ? <kbd>{shortcut.keys}</kbd> : t('shortcutUnset')}</dd>
            </div>
          ))}
        </dl>
        <nav class="links">
          <button type="button" class="link" onClick={actions.openChanges}>{t('openChanges')}</button>
          <button type="button" class="link" onClick={actions.openOptions}>{t('openOptions')}</button>
        </nav>
      </footer>
    </div>
  );
}

type Tracked = Extract<TabState, { kind: 'tracked' }>;

/** Rows drawn at once; the rest follow a frame later (the list scrolls, only these show first). */
const FIRST_ROWS = 30;

function TrackedPage({ state, historyStatus, t, now, locale, actions }: { state: Tracked; historyStatus: HistoryStatus | null; t: Translate; now: number; locale?: string; actions: PopupActions }) {
  const { page, timeline } = state;
  // Nothing to compare with yet: the archives come first. After, they offer older versions below the timeline.
  const firstVisit = page.baseline === null;
  const sources = <HistorySources history={state.history} timeline={timeline} status={historyStatus} t={t} onGet={actions.getHistory} />;
  const [shown, setShown] = useState(FIRST_ROWS);
  useEffect(() => {
    if (shown >= timeline.length) return;
    const frame = requestAnimationFrame(() => setShown(timeline.length));
    return () => cancelAnimationFrame(frame);
  }, [shown, timeline.length]);
  return (
    <>
      <p class="summary">{summaryText(page, timeline.length, t, locale)}</p>
      <div class="controls">
        <button type="button" role="switch" aria-checked={page.highlightsShown} class="switch" onClick={() => actions.setHighlights(!page.highlightsShown)}>
          <span class="track" aria-hidden="true"><span class="thumb" /></span>
          {t('highlights')}
        </button>
        <button type="button" onClick={actions.markSeen} disabled={page.changes === 0}>{t('markSeen')}</button>
        <button type="button" onClick={actions.firstChange} disabled={page.changes === 0}>{t('firstChange')}</button>
      </div>
      {firstVisit && sources}
      <FollowSite state={state} t={t} onFollow={actions.follow} />
      <section class="timeline" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('timeline')}</h2>
        <ActivityStrip timeline={timeline} label={t('activity', [counted(t, timeline.length, 'Version')])} />
        <p class="hint">{t('timelineHint')}</p>
        {/* One scroll area: the versions, then (once the page has history) the archives' older ones. */}
        <div class="timeline-scroll">
          <ol>
            {timeline.slice(0, shown).map((entry, i) => (
              <TimelineRow
                key={entry.versionId}
                entry={entry}
                oldest={i === timeline.length - 1}
                isBaseline={entry.versionId === page.baseline?.versionId}
                isCurrent={entry.versionId === page.currentVersionId}
                t={t}
                now={now}
                locale={locale}
                onChoose={() => actions.chooseBaseline(entry.versionId)}
              />
            ))}
          </ol>
          {!firstVisit && sources}
        </div>
      </section>
    </>
  );
}

/** "Follow this site": its repository's new commits checked from then on, listed on the "What changed" page. */
function FollowSite({ state, t, onFollow }: { state: Tracked; t: Translate; onFollow: PopupActions['follow'] }) {
  const { follow } = state;
  if (!follow.repo && !follow.feed && !follow.following) return null;
  return (
    <section class="follow">
      <button type="button" aria-pressed={follow.following} onClick={() => onFollow(state.siteId, !follow.following, { github: follow.repo !== null, feed: follow.feed })}>
        {follow.following ? t('followingSite') : t('followSite')}
      </button>
      {follow.repo && <p class="hint">{t('followHint', [follow.repo])}</p>}
      {follow.feed && <p class="hint">{t('followFeedHint')}</p>}
    </section>
  );
}

function TimelineRow(props: {
  entry: TimelineEntry; oldest: boolean; isBaseline: boolean; isCurrent: boolean;
  t: Translate; now: number; locale?: string; onChoose: () => void;
}) {
  const { entry, oldest, isBaseline, isCurrent, t, now, locale, onChoose } = props;
  const when = formatDateTime(entry.time, locale);
  const source = sourceName(entry.source, t, entry.inFeed);
  return (
    <li class={isBaseline ? 'baseline' : undefined}>
      <button type="button" aria-pressed={isBaseline} aria-label={t('compareWith', [when, source])} disabled={isCurrent} onClick={onChoose}>
        <span class="when">
          <time dateTime={new Date(entry.time).toISOString()}>{when}</time>
          <span class="relative">{formatRelative(entry.time, now, locale)}</span>
        </span>
        <span class="meta">
          <span class={`source ${entry.source}`}>{source}</span>
          {entry.label !== null && <span class="label">{entry.label}</span>}
          <span class="words">{oldest ? t('firstVersion') : t('wordsChanged', [entry.addedWords, entry.removedWords])}</span>
          {isBaseline && <span class="tag">{t('isBaseline')}</span>}
          {isCurrent && <span class="tag current">{t('isCurrent')}</span>}
        </span>
      </button>
    </li>
  );
}

function summaryText(page: PageSummary, versions: number, t: Translate, locale?: string): string {
  const { baseline } = page;
  if (!baseline) return t(versions <= 1 ? 'summaryFirst' : 'summaryUnchanged');
  const since = sinceBaseline(baseline, t, 'sinceVisit', locale);
  if (page.changes === 0) return t('summaryNone', [since]);
  if (page.movedWords > 0) return t('summaryChangesMoved', [page.addedWords, page.removedWords, page.movedWords, counted(t, page.changes, 'Place'), since]);
  return t('summaryChanges', [page.addedWords, page.removedWords, counted(t, page.changes, 'Place'), since]);
}
