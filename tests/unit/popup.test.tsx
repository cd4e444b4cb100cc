// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { Popup, type PopupActions, type PopupProps } from '../../components/popup/Popup';
import { PopupApp } from '../../components/popup/PopupApp';
import type { ExtensionPageClient } from '../../lib/pages/extension-page-client';
import type { TimelineEntry } from '../../lib/store/page-timeline';
import type { TabState } from '../../lib/messages';
import { englishT } from '../support/translate';
import { historyOffers } from '../../lib/history/history-offers';
import { builtinSites } from '../../lib/sites/builtin-sites';

const DAY = 24 * 3600e3;
const now = Date.UTC(2026, 10, 22, 12);
const entry = (versionId: number, daysAgo: number, source: 'visit' | 'feed', added = 0, removed = 0): TimelineEntry => ({
  versionId, time: now - daysAgo * DAY, source, label: source === 'feed' ? `commit ${versionId}` : null, inFeed: source === 'feed', addedWords: added, removedWords: removed,
});
const timeline = [entry(4, 0, 'visit', 12, 3), entry(3, 2, 'visit', 5, 1), entry(2, 10, 'feed', 40, 9), entry(1, 30, 'feed')];

const drfHistory = { offers: historyOffers(builtinSites.find((site) => site.id === 'django-rest-framework')!), always: [] };

function tracked(overrides: Partial<Extract<TabState, { kind: 'tracked' }>['page']> = {}): TabState {
  return {
    kind: 'tracked', siteId: 'django-rest-framework', siteName: 'Django REST framework', highlightsOn: true, timeline, history: drfHistory, follow: { following: false, repo: 'encode/django-rest-framework', feed: false },
    page: {
      url: 'https://www.django-rest-framework.org/api-guide/fields/', title: 'Fields',
      changes: 4, addedWords: 17, removedWords: 4, movedWords: 0, highlightsShown: true, currentVersionId: 4,
      baseline: { versionId: 3, capturedAt: now - 2 * DAY, source: 'visit' },
      ...overrides,
    },
  };
}

function renderPopup(state: TabState | null, props: Partial<PopupProps> = {}) {
  const actions: PopupActions = {
    setHighlights: vi.fn(), markSeen: vi.fn(), firstChange: vi.fn(), chooseBaseline: vi.fn(), openChanges: vi.fn(), openOptions: vi.fn(), trackSite: vi.fn(), setArticleSelector: vi.fn(), getHistory: vi.fn(), follow: vi.fn(),
  };
  render(
    <Popup state={state} error={null} t={englishT} now={now} locale="en-US" actions={actions}
      shortcuts={[{ command: 'toggle-highlights', keys: 'Alt+Shift+D' }, { command: 'next-change', keys: 'Alt+Shift+J' }, { command: 'previous-change', keys: '' }]}
      {...props} />,
  );
  return actions;
}

afterEach(cleanup);

describe('the popup', () => {
  test('sums up the changes since the baseline', () => {
    renderPopup(tracked());
    expect(screen.getByText(/^\+17 −4 words in 4 places since your last visit \(Nov 20, 2026/)).toBeTruthy();
    renderPopup(tracked({ baseline: { versionId: 2, capturedAt: now - 10 * DAY, source: 'feed' } }));
    expect(screen.getByText('+17 −4 words in 4 places since the feed version of Nov 12, 2026')).toBeTruthy();
    renderPopup(tracked({ baseline: { versionId: 2, capturedAt: now - 10 * DAY, source: 'feed', unmatched: true } }));
    expect(screen.getByText("+17 −4 words in 4 places since the feed's newest version, of Nov 12, 2026 (this page matches none of the feed's versions)")).toBeTruthy();
    renderPopup(tracked({ baseline: { versionId: 2, capturedAt: now - 10 * DAY, source: 'archive' } }));
    expect(screen.getByText("+17 −4 words in 4 places since the Internet Archive's capture of Nov 12, 2026")).toBeTruthy();
    renderPopup(tracked({ baseline: { versionId: 2, capturedAt: now - 10 * DAY, source: 'github' } }));
    expect(screen.getByText("+17 −4 words in 4 places since the docs' source as committed on Nov 12, 2026")).toBeTruthy();
    // Passages that moved are counted once, as moved, not as added and removed.
    renderPopup(tracked({ movedWords: 80, baseline: { versionId: 2, capturedAt: now - 10 * DAY, source: 'feed' } }));
    expect(screen.getByText('+17 −4 words and 80 moved, in 4 places since the feed version of Nov 12, 2026')).toBeTruthy();
  });

  test('names each version\'s archive in the timeline, with a commit\'s subject as text', () => {
    const archived: TimelineEntry[] = [
      { ...entry(4, 0, 'visit'), inFeed: false },
      { ...entry(3, 5, 'visit'), source: 'github', label: '<b>Docs: fields</b>', inFeed: false },
      { ...entry(2, 9, 'visit'), source: 'archive', inFeed: false },
    ];
    renderPopup({ ...tracked(), timeline: archived } as TabState);
    const rows = within(screen.getByRole('list')).getAllByRole('button');
    expect(rows[1]!.getAttribute('aria-label')).toMatch(/\(GitHub\)$/);
    expect(rows[1]!.textContent).toContain('GitHub');
    expect(rows[1]!.textContent).toContain('<b>Docs: fields</b>');
    expect(rows[1]!.querySelector('b')).toBeNull();
    expect(rows[2]!.textContent).toContain('Internet Archive');
  });

  test('says when there is nothing to compare, or nothing changed', () => {
    renderPopup({ ...tracked({ baseline: null, changes: 0 }), timeline: [timeline[0]!] } as TabState);
    expect(screen.getByText(/First visit/)).toBeTruthy();
    cleanup();
    renderPopup(tracked({ baseline: null, changes: 0, addedWords: 0, removedWords: 0 }));
    expect(screen.getByText('No changes since your last visit.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Mark as seen' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Go to first change' }) as HTMLButtonElement).disabled).toBe(true);
  });

  test('the Highlights switch, Mark as seen and Go to first change call through', () => {
    const actions = renderPopup(tracked());
    const highlights = screen.getByRole('switch', { name: 'Highlights' });
    expect(highlights.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(highlights);
    expect(actions.setHighlights).toHaveBeenCalledWith(false);
    fireEvent.click(screen.getByRole('button', { name: 'Mark as seen' }));
    fireEvent.click(screen.getByRole('button', { name: 'Go to first change' }));
    expect(actions.markSeen).toHaveBeenCalledOnce();
    expect(actions.firstChange).toHaveBeenCalledOnce();
  });

  test('"Follow this site" says what it checks and how often; the reader\'s click follows or unfollows', () => {
    const actions = renderPopup(tracked());
    const follow = screen.getByRole('button', { name: 'Follow this site' });
    expect(follow.getAttribute('aria-pressed')).toBe('false');
    expect(document.querySelector('.follow')!.textContent).toContain('checks encode/django-rest-framework on GitHub four times a day');
    fireEvent.click(follow);
    expect(actions.follow).toHaveBeenCalledWith('django-rest-framework', true, { github: true, feed: false });
    cleanup();
    const followed = renderPopup({ ...(tracked() as Extract<TabState, { kind: 'tracked' }>), follow: { following: true, repo: null, feed: true } });
    expect(document.querySelector('.follow')!.textContent).toContain('reads the site’s feed at most once an hour');
    fireEvent.click(screen.getByRole('button', { name: 'Following this site' }));
    expect(followed.follow).toHaveBeenCalledWith('django-rest-framework', false, { github: false, feed: true });
    cleanup();
    // A site with neither a repository DocDelta knows nor a feed has nothing to follow it by.
    renderPopup({ ...(tracked() as Extract<TabState, { kind: 'tracked' }>), follow: { following: false, repo: null, feed: false } });
    expect(screen.queryByRole('button', { name: 'Follow this site' })).toBeNull();
  });

  test('the timeline lists every version newest first, marks the baseline and the page on screen, and choosing one asks for it', () => {
    const actions = renderPopup(tracked());
    const list = screen.getByRole('list');
    const rows = within(list).getAllByRole('button');
    expect(rows).toHaveLength(4);
    expect(rows[0]!.getAttribute('aria-label')).toMatch(/^Compare with Nov 22, 2026.*\(Your visit\)$/);
    expect(rows[0]!.textContent).toContain('on screen now');
    expect((rows[0] as HTMLButtonElement).disabled).toBe(true);
    expect(rows[1]!.getAttribute('aria-pressed')).toBe('true');
    expect(rows[1]!.textContent).toContain('baseline');
    expect(rows[1]!.textContent).toContain('2 days ago');
    expect(rows[2]!.textContent).toContain('Feed');
    expect(rows[2]!.textContent).toContain('+40 −9');
    expect(rows[2]!.textContent).toContain('commit 2');
    expect(rows[3]!.textContent).toContain('first version stored');
    fireEvent.click(rows[2]!);
    expect(actions.chooseBaseline).toHaveBeenCalledWith(2);
    expect(screen.getByRole('img', { name: /4 versions/ })).toBeTruthy();
  });

  test('keyboard shortcuts and links', () => {
    const actions = renderPopup(tracked());
    expect(screen.getByText('Alt+Shift+D')).toBeTruthy();
    expect(screen.getByText('not set')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Options' }));
    fireEvent.click(screen.getByRole('button', { name: 'What changed across sites' }));
    expect(actions.openOptions).toHaveBeenCalledOnce();
    expect(actions.openChanges).toHaveBeenCalledOnce();
  });

  test('the shortcut rows are there before the browser names their keys, so nothing moves when it does', () => {
    renderPopup(null, { shortcuts: [{ command: 'toggle-highlights', keys: null }, { command: 'next-change', keys: null }, { command: 'previous-change', keys: null }] });
    const terms = screen.getAllByRole('term').map((term) => term.textContent);
    expect(terms).toEqual(['Show or hide highlights', 'Next change', 'Previous change']);
    expect(screen.queryByText('not set')).toBeNull();
  });

  test('untracked pages, private windows, loading and errors each say so', () => {
    renderPopup({ kind: 'untracked', origin: null });
    expect(screen.getByText(/does not track this page's site/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Track / })).toBeNull();
    cleanup();
    renderPopup({ kind: 'problem', message: 'The browser\'s storage for DocDelta is full' });
    expect(screen.getByRole('alert').textContent).toBe('DocDelta could not save this page: The browser\'s storage for DocDelta is full');
    cleanup();
    renderPopup({ kind: 'private' });
    expect(screen.getByText(/Private window/)).toBeTruthy();
    cleanup();
    renderPopup(null);
    expect(screen.getByText('Reading this tab…')).toBeTruthy();
    cleanup();
    renderPopup(null, { error: 'the tab went away' });
    expect(screen.getByRole('alert').textContent).toBe('Something went wrong: the tab went away');
  });

  test('an untracked web page offers to track its site', () => {
    const actions = renderPopup({ kind: 'untracked', origin: 'https://docs.example.org' });
    fireEvent.click(screen.getByRole('button', { name: 'Track docs.example.org' }));
    expect(actions.trackSite).toHaveBeenCalledWith('https://docs.example.org');
  });

  test('a page read without finding an article says so; on a site the reader added, they can say where it is', () => {
    renderPopup({ kind: 'reading' });
    expect(screen.getByText('DocDelta is still reading this page.')).toBeTruthy();
    cleanup();
    renderPopup({ kind: 'no-article', site: { id: 'django-rest-framework', name: 'Django REST framework', custom: false, selector: null } });
    expect(screen.getByText(/found no article on this page/)).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
    cleanup();
    const actions = renderPopup({ kind: 'no-article', site: { id: 'custom:https://docs.example.org/*', name: 'docs.example.org', custom: true, selector: '#wrong' } });
    const field = screen.getByRole('textbox', { name: /Where is the article\?/ }) as HTMLInputElement;
    expect(field.value).toBe('#wrong');
    fireEvent.input(field, { target: { value: '  .doc-body ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Read the page with it' }));
    expect(actions.setArticleSelector).toHaveBeenCalledWith('custom:https://docs.example.org/*', '.doc-body');
  });

  test('a first visit without history offers the site\'s archives, naming where the click sends the address', () => {
    const actions = renderPopup({ ...tracked({ baseline: null, changes: 0 }), timeline: [timeline[0]!] } as TabState);
    const sources = screen.getByRole('region', { name: 'History from archives' });
    // Offered above the timeline: there is nothing else to compare with.
    expect(sources.compareDocumentPosition(screen.getByRole('region', { name: 'Versions of this page' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(sources).getByText(/send this page's address to api.github.com, raw.githubusercontent.com and nothing else/)).toBeTruthy();
    expect(within(sources).getByText(/send this page's address to web.archive.org and nothing else/)).toBeTruthy();
    fireEvent.click(within(sources).getByRole('button', { name: 'Get this page\'s history from GitHub (encode/django-rest-framework)' }));
    expect(actions.getHistory).toHaveBeenCalledWith(expect.objectContaining({ kind: 'github', origins: ['https://api.github.com/*', 'https://raw.githubusercontent.com/*'] }), false);
    fireEvent.click(within(sources).getByRole('button', { name: 'Get this page\'s history from The Internet Archive' }));
    expect(actions.getHistory).toHaveBeenLastCalledWith(expect.objectContaining({ kind: 'archive', origins: ['https://web.archive.org/*'] }), false);
  });

  test('once a source gave versions, it offers the older ones below the timeline', () => {
    const withArchive = [timeline[0]!, { ...entry(3, 20, 'visit'), source: 'archive' as const }];
    const actions = renderPopup({ ...tracked(), timeline: withArchive } as TabState);
    const older = screen.getByRole('button', { name: 'Older versions from The Internet Archive' });
    expect(screen.getByRole('region', { name: 'Versions of this page' }).compareDocumentPosition(older) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.click(older);
    expect(actions.getHistory).toHaveBeenCalledWith(expect.objectContaining({ kind: 'archive' }), true);
    expect(screen.getByRole('button', { name: /history from GitHub/ })).toBeTruthy();
  });

  test('says how a request to an archive went: asking, what came and what was left out, or why it failed', () => {
    const first = { ...tracked({ baseline: null, changes: 0 }), timeline: [timeline[0]!] } as TabState;
    renderPopup(first, { historyStatus: { kind: 'archive', state: 'asking' } });
    expect(screen.getByRole('status').textContent).toBe('Asking The Internet Archive…');
    expect((screen.getByRole('button', { name: /from The Internet Archive/ }) as HTMLButtonElement).disabled).toBe(true);
    cleanup();
    renderPopup(first, { historyStatus: { kind: 'archive', state: 'done', added: 4, skipped: ['The Internet Archive\'s capture of 3 May 2021 is a different page (an error page or a notice saved at this address); it was not used.'] } });
    expect(screen.getByRole('status').textContent).toMatch(/^4 versions from The Internet Archive\.Not used: The Internet Archive's capture of 3 May 2021 is a different page/);
    cleanup();
    renderPopup(first, { historyStatus: { kind: 'github', state: 'failed', message: 'GitHub\'s hourly limit is reached; try after 14:05.' } });
    expect(screen.getByRole('alert').textContent).toBe('GitHub\'s hourly limit is reached; try after 14:05.');
  });

  test('page text is shown as text only', () => {
    renderPopup({ ...tracked(), timeline: [{ ...timeline[0]!, label: '<img src=x onerror="globalThis.pwned=1">' }] } as TabState);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror="globalThis.pwned=1">')).toBeTruthy();
  });
});

describe('the popup with its data', () => {
  test('the switch flips at once: a second quick press undoes the first, before the tab has answered', async () => {
    const sent: boolean[] = [];
    const client: ExtensionPageClient = {
      // The tab answers slowly, and always with its first state.
      send: (async (type: string, payload: { on?: boolean }) => {
        if (type === 'set-highlights') sent.push(payload.on!);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return type === 'tab-state' ? tracked() : null;
      }) as ExtensionPageClient['send'],
      shortcuts: async () => [],
      openChanges: vi.fn(), openOptions: vi.fn(), requestAccess: async () => true, requestPermission: async () => true, download: vi.fn(),
      t: englishT, locale: 'en-US',
    };
    render(<PopupApp client={client} first={Promise.resolve({ tabId: 7, state: tracked() })} />);
    const highlights = await screen.findByRole('switch', { name: 'Highlights' });
    expect(highlights.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(highlights);
    expect(highlights.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(highlights);
    expect(highlights.getAttribute('aria-checked')).toBe('true');
    expect(sent).toEqual([false, true]);
  });

  test('"Get history" asks the browser for the source\'s hosts and hands the work to the background at the same click; a refusal drops it there', async () => {
    const first = { ...tracked({ baseline: null, changes: 0 }), timeline: [timeline[0]!] } as TabState;
    const sent: Array<[string, unknown]> = [];
    let allow = false;
    // The prompt stays open until the test answers it: the work must already be with the background
    // (in Firefox the prompt can close the popup before it answers).
    let answer = (_yes: boolean) => undefined as void;
    const requestAccess = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const client: ExtensionPageClient = {
      send: (async (type: string, payload: unknown) => {
        sent.push([type, payload]);
        if (type === 'get-history') return { added: 3, skipped: [] };
        return type === 'tab-state' ? first : null;
      }) as ExtensionPageClient['send'],
      shortcuts: async () => [],
      openChanges: vi.fn(), openOptions: vi.fn(), requestAccess, requestPermission: async () => true, download: vi.fn(),
      t: englishT, locale: 'en-US',
    };
    render(<PopupApp client={client} first={Promise.resolve({ tabId: 7, state: first })} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Get this page\'s history from The Internet Archive' }));
    expect(requestAccess).toHaveBeenCalledWith(['https://web.archive.org/*'], ['browsingActivity']);
    expect(sent).toContainEqual(['get-history', { tabId: 7, source: 'archive', older: false }]);
    answer(allow);
    expect((await screen.findByRole('alert')).textContent).toBe('DocDelta was not given access to that site.');
    expect(sent).toContainEqual(['access-refused', { origins: ['https://web.archive.org/*'] }]);
    allow = true;
    fireEvent.click(screen.getByRole('button', { name: 'Get this page\'s history from The Internet Archive' }));
    answer(allow);
    expect((await screen.findByText('3 versions from The Internet Archive.')).closest('[role="status"]')).toBeTruthy();
    expect(sent.filter(([type]) => type === 'access-refused')).toHaveLength(1);
  });

  test('"Follow this site" refused GitHub\'s hosts: a site with a feed is followed by its feed alone', async () => {
    const state = { ...(tracked() as Extract<TabState, { kind: 'tracked' }>), follow: { following: false, repo: 'encode/django-rest-framework', feed: true } };
    const sent: Array<[string, unknown]> = [];
    const client: ExtensionPageClient = {
      send: (async (type: string, payload: unknown) => {
        sent.push([type, payload]);
        return type === 'tab-state' ? state : null;
      }) as ExtensionPageClient['send'],
      shortcuts: async () => [],
      openChanges: vi.fn(), openOptions: vi.fn(), requestAccess: async () => false, requestPermission: async () => true, download: vi.fn(),
      t: englishT, locale: 'en-US',
    };
    render(<PopupApp client={client} first={Promise.resolve({ tabId: 7, state })} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Follow this site' }));
    await waitFor(() => expect(sent).toContainEqual(['follow-site', { siteId: 'django-rest-framework', github: false }]));
    expect(sent).toContainEqual(['access-refused', { origins: ['https://api.github.com/*', 'https://raw.githubusercontent.com/*'] }]);
  });
});
