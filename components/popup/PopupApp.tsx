import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { ExtensionPageClient } from '../../lib/pages/extension-page-client';
import type { TabState } from '../../lib/messages';
import type { FirstLook } from '../../lib/pages/popup-first-look';
import { SHORTCUT_COMMANDS, type Shortcut } from '../../lib/shortcuts';
import { Popup } from './Popup';
import type { HistoryStatus } from './HistorySources';
import { GITHUB_ORIGINS, HISTORY_DATA_COLLECTION, type HistoryOffer } from '../../lib/history/history-offers';

/** The popup with its data: what the background said of the tab first, then acting through it. */
export function PopupApp({ client, first }: { client: ExtensionPageClient; first: FirstLook }) {
  const [tabId, setTabId] = useState<number | null>(null);
  const [state, setState] = useState<TabState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [historyStatus, setHistoryStatus] = useState<HistoryStatus | null>(null);
  // The rows are there from the start (their keys follow), so the footer never moves.
  const [shortcuts, setShortcuts] = useState<Shortcut[]>(SHORTCUT_COMMANDS.map((command) => ({ command, keys: null })));

  const refresh = useCallback(async (id: number) => {
    try {
      setState(await client.send('tab-state', { tabId: id }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [client]);

  // A layout effect runs as soon as the first render is in place, not after it is painted:
  // the answer (often already on its way) is drawn in the next frame, not the one after.
  useLayoutEffect(() => {
    void client.shortcuts().then(setShortcuts, () => setShortcuts(SHORTCUT_COMMANDS.map((command) => ({ command, keys: '' }))));
    first.then(
      (look) => {
        performance.mark('docdelta:answered');
        if (!look) return setState({ kind: 'untracked', origin: null });
        setTabId(look.tabId);
        setState(look.state);
      },
      (e: Error) => setError(e.message),
    );
  }, [client, first]);

  // A page still being read is asked again until it has been (a slow page may take seconds to settle).
  useEffect(() => {
    if (state?.kind !== 'reading' || tabId === null) return;
    const timer = setTimeout(() => void refresh(tabId), 400);
    return () => clearTimeout(timer);
  }, [state, tabId, refresh]);

  /**
   * Work the click asked for is sent with the browser's prompt, not after its answer: in Firefox
   * the prompt can close this popup, and the background then does it when the hosts are granted.
   * A refusal seen here drops it there; the popup, while open, shows what came of it.
   */
  const whenAllowed = async <T,>(asked: Promise<boolean>, origins: string[], work: Promise<T>): Promise<T> => {
    work.catch(() => undefined);
    if (!(await asked)) {
      void client.send('access-refused', { origins }).catch(() => undefined);
      throw new Error(client.t('accessDenied'));
    }
    return work;
  };

  /** After "Track this site": the page's script starts now; show the page once it has been read. */
  const trackAndWatch = async (id: number, origin: string, asked: Promise<boolean>) => {
    try {
      await whenAllowed(asked, [`${origin}/*`], client.send('add-site', { input: `${origin}/`, selector: null, tabId: id }));
      for (let attempt = 0; attempt < 40; attempt++) {
        const next = await client.send('tab-state', { tabId: id });
        setState(next);
        if (next.kind === 'tracked') break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } catch (e) {
      setError((e as Error).message);
    }
  };

  /** After the reader said where the article is: the tab loads again; show it once it has been read. */
  const readWithSelector = async (id: number, siteId: string, selector: string | null) => {
    try {
      await client.send('set-site-selector', { siteId, selector, tabId: id });
      setState({ kind: 'reading' });
      // The first answers may still come from the page before it reloaded.
      for (let attempt = 0; attempt < 40; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const next = await client.send('tab-state', { tabId: id });
        if (next.kind === 'tracked' || (next.kind !== 'reading' && attempt >= 4)) {
          setState(next);
          return;
        }
      }
    } catch (e) {
      setError((e as Error).message);
    }
  };

  /** After the reader's click on "Get history": the source is asked once the browser allowed its hosts; the popup then shows the timeline with what came. */
  const fetchHistory = async (id: number, offer: HistoryOffer, older: boolean, asked: Promise<boolean>) => {
    setHistoryStatus({ kind: offer.kind, state: 'asking' });
    try {
      const { added, skipped } = await whenAllowed(asked, offer.origins, client.send('get-history', { tabId: id, source: offer.kind, older }));
      setHistoryStatus({ kind: offer.kind, state: 'done', added, skipped });
    } catch (e) {
      setHistoryStatus({ kind: offer.kind, state: 'failed', message: (e as Error).message });
    }
    await refresh(id);
  };

  /** Runs a request about the tab, then shows the tab as it is after it. */
  const act = (run: (id: number) => Promise<unknown>) => () => {
    if (tabId === null) return;
    void run(tabId).then(() => refresh(tabId), (e: Error) => setError(e.message));
  };

  return (
    <Popup
      state={state}
      error={error}
      historyStatus={historyStatus}
      t={client.t}
      locale={client.locale}
      now={Date.now()}
      shortcuts={shortcuts}
      actions={{
        setHighlights: (on) => {
          // The switch flips at once (a second quick press must undo the first), then the tab's answer follows.
          setState((current) => (current?.kind === 'tracked' ? { ...current, page: { ...current.page, highlightsShown: on } } : current));
          act((id) => client.send('set-highlights', { tabId: id, on }))();
        },
        markSeen: act((id) => client.send('tab-command', { tabId: id, command: 'mark-seen' })),
        firstChange: act((id) => client.send('tab-command', { tabId: id, command: 'first-change' })),
        chooseBaseline: (versionId) => act((id) => client.send('choose-baseline', { tabId: id, versionId }))(),
        openChanges: client.openChanges,
        openOptions: client.openOptions,
        setArticleSelector: (siteId, selector) => {
          if (tabId !== null) void readWithSelector(tabId, siteId, selector);
        },
        getHistory: (offer, older) => {
          // The prompt must come straight from the click; it names what the request sends (Firefox).
          const asked = client.requestAccess(offer.origins, HISTORY_DATA_COLLECTION);
          if (tabId !== null) void fetchHistory(tabId, offer, older, asked);
        },
        follow: (siteId, on, offer) => {
          if (!on) return act(() => client.send('unfollow-site', { siteId }))();
          if (!offer.github) return act(() => client.send('follow-site', { siteId, github: false }))();
          // The prompt must come straight from the click; it names what checking sends (Firefox).
          const asked = client.requestAccess(GITHUB_ORIGINS, HISTORY_DATA_COLLECTION);
          act(async () => {
            try {
              await whenAllowed(asked, GITHUB_ORIGINS, client.send('follow-site', { siteId }));
            } catch (error) {
              // GitHub refused: a site with a feed is still followed by its feed.
              if (!offer.feed) throw error;
              await client.send('follow-site', { siteId, github: false });
            }
          })();
        },
        trackSite: (origin) => {
          // The permission prompt must come straight from the click, before any other await.
          const asked = client.requestAccess([`${origin}/*`]);
          if (tabId !== null) void trackAndWatch(tabId, origin, asked);
        },
      }}
    />
  );
}
