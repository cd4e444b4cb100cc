import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { TimelineEntry } from '../../lib/store/page-timeline';
import type { ChangesPeriod, FollowedSite, PageChange, SiteChanges } from '../../lib/changes/site-changes';
import type { TextDiff } from '../../lib/changes/text-hunks';
import { formatDateTime, formatRelative } from '../../lib/format-time';
import { counted, type Translate } from '../../lib/i18n';
import { sourceName } from '../../lib/version-words';
import { TextDiffView } from './TextDiffView';

/** What the changes page asks of the background; injected, so it tests without a browser. */
export interface ChangesSource {
  timeline: (pageKey: string) => Promise<readonly TimelineEntry[]>;
  /** `fromId` null: a page that is new in the period (its whole text added); `toId` null: one removed in it. */
  diff: (pageKey: string, fromId: number | null, toId: number | null) => Promise<TextDiff>;
  openLive: (pageKey: string, versionId: number) => void;
  /** "Mark all as seen" for a followed site; the page then asks for its changes again. */
  markSeen: (siteId: string) => void;
}

export interface ChangesPageProps {
  /** Null while loading. */
  sites: SiteChanges[] | null;
  period: ChangesPeriod;
  onPeriod: (period: ChangesPeriod) => void;
  source: ChangesSource;
  t: Translate;
  now: number;
  locale?: string;
  /** Shown after the reader's own sites (the repositories section). */
  children?: ComponentChildren;
}

const PERIODS = ['seen', 'last-visit', 'week', '7', '30', '365'] as const;

/** The period a choice of the menu names, read at `now` ("this week" starts on the reader's Monday). */
export function periodOf(value: (typeof PERIODS)[number], now: number): ChangesPeriod {
  if (value === 'seen' || value === 'last-visit') return { kind: value };
  if (value === 'week') {
    const start = new Date(now);
    start.setHours(0, 0, 0, 0);
    start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
    return { kind: 'since', at: start.getTime() };
  }
  return { kind: 'days', days: Number(value) };
}

function valueOf(period: ChangesPeriod): (typeof PERIODS)[number] {
  if (period.kind === 'days') return String(period.days) as (typeof PERIODS)[number];
  return period.kind === 'since' ? 'week' : period.kind;
}

function periodName(value: (typeof PERIODS)[number], t: Translate): string {
  if (value === 'seen') return t('periodSeen');
  if (value === 'last-visit') return t('periodLastVisit');
  if (value === 'week') return t('periodThisWeek');
  return t('periodDays', [Number(value)]);
}

/** Across every tracked site: which pages changed, by how much, and how; the sites the reader follows first. */
export function ChangesPage({ sites, period, onPeriod, source, t, now, locale, children }: ChangesPageProps) {
  const selected = valueOf(period);
  return (
    <div class="changes">
      <header>
        <h1>{t('changesTitle')}</h1>
        <label>
          {t('changesPeriod')}{' '}
          <select value={selected} onChange={(event) => onPeriod(periodOf((event.target as HTMLSelectElement).value as (typeof PERIODS)[number], now))}>
            {PERIODS.map((value) => <option key={value} value={value}>{periodName(value, t)}</option>)}
          </select>
        </label>
      </header>
      <main aria-busy={sites === null}>
        {sites?.length === 0 && <p class="hint">{t('changesNone')}</p>}
        {sites?.map((site) => (
          <section key={site.siteId} aria-labelledby={`site-${site.siteId}`}>
            <h2 id={`site-${site.siteId}`}>{site.siteName}</h2>
            {site.followed && <FollowedHead site={site} followed={site.followed} source={source} t={t} now={now} locale={locale} />}
            <p class="site-summary">{site.pages.length === 0 ? t('followNothing') : t('siteSummary', [counted(t, site.pages.length, 'Page'), site.addedWords, site.removedWords])}</p>
            <ul class="pages">
              {site.pages.map((page) => <PageRow key={page.pageKey} page={page} source={source} t={t} now={now} locale={locale} />)}
            </ul>
          </section>
        ))}
        {children}
      </main>
    </div>
  );
}

/** A followed site's line: since when, how its sources' checks went, and "Mark all as seen". */
function FollowedHead({ site, followed, source, t, now, locale }: { site: SiteChanges; followed: FollowedSite; source: ChangesSource; t: Translate; now: number; locale?: string }) {
  return (
    <div class="followed">
      <p class="hint">
        {t('followedSince', [formatDateTime(followed.followedAt, locale)])}
        {followed.sources.map((s) => {
          const name = sourceName(s.kind, t);
          const said = s.error ? t('followFailed', [name, s.error]) : s.lastCheck === null ? t('followNotChecked', [name]) : t('followChecked', [name, formatRelative(s.lastCheck, now, locale)]);
          return <span key={s.kind} class={s.error ? 'error' : undefined}>{' · '}{said}</span>;
        })}
      </p>
      <button type="button" onClick={() => source.markSeen(site.siteId)}>{t('markAllSeen')}</button>
    </div>
  );
}

function PageRow({ page, source, t, now, locale }: { page: PageChange; source: ChangesSource; t: Translate; now: number; locale?: string }) {
  const [open, setOpen] = useState(false);
  const [versions, setVersions] = useState<readonly TimelineEntry[] | null>(null);
  const [from, setFrom] = useState<number | null>(page.fromVersionId);
  const [to, setTo] = useState<number | null>(page.toVersionId);
  // A page removed in the period has no live page to open.
  const live = from ?? to;
  const removed = page.toVersionId === null;
  const [diff, setDiff] = useState<TextDiff | null>(null);
  const detailsId = `details-${page.pageKey.replace(/[^a-z0-9]/gi, '-')}`;

  useEffect(() => {
    if (!open) return;
    let current = true;
    setDiff(null);
    void source.diff(page.pageKey, from, to).then((d) => current && setDiff(d));
    if (!versions) void source.timeline(page.pageKey).then((list) => current && setVersions(list));
    return () => {
      current = false;
    };
  }, [open, from, to]);

  const versionSelect = (label: string, value: number | null, onChange: (id: number) => void, none: string) => (
    <label>
      {label}{' '}
      <select value={value === null ? '' : String(value)} onChange={(event) => onChange(Number((event.target as HTMLSelectElement).value))}>
        {value === null && <option value="">{none}</option>}
        {(versions ?? []).map((v) => (
          <option key={v.versionId} value={String(v.versionId)}>{t('versionOption', [formatDateTime(v.time, locale), sourceName(v.source, t)])}</option>
        ))}
      </select>
    </label>
  );

  return (
    <li class="page">
      <div class="page-head">
        {removed || live === null ? <span class="title">{page.title}</span> : <a href={page.url} class="title" onClick={(event) => {
          event.preventDefault();
          source.openLive(page.pageKey, live);
        }}>{page.title}</a>}
        {page.fromVersionId === null && <span class="tag new">{t('pageNew')}</span>}
        {removed && <span class="tag removed">{t('pageRemoved')}</span>}
        <span class="counts">{page.movedWords > 0
          ? t('pageSummaryMoved', [page.addedWords, page.removedWords, page.movedWords, counted(t, page.places, 'Place')])
          : t('pageSummary', [page.addedWords, page.removedWords, counted(t, page.places, 'Place')])}</span>
        <time dateTime={new Date(page.changedAt).toISOString()} title={formatDateTime(page.changedAt, locale)}>
          {t('changedWhen', [formatRelative(page.changedAt, now, locale)])}
        </time>
      </div>
      <div class="page-actions">
        <button type="button" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>{t('details')}</button>
        {!removed && live !== null && <button type="button" onClick={() => source.openLive(page.pageKey, live)}>{t('openLive')}</button>}
      </div>
      {open && (
        <div id={detailsId} class="details">
          {versions && (
            <div class="compare">
              {versionSelect(t('compareFrom'), from, setFrom, t('pageDidNotExist'))}
              {versionSelect(t('compareTo'), to, setTo, t('pageWasRemoved'))}
            </div>
          )}
          {diff ? <TextDiffView diff={diff} t={t} /> : <p class="hint">{t('diffLoading')}</p>}
        </div>
      )}
    </li>
  );
}
