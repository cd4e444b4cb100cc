// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { Options, type FeedOffer, type OptionsActions } from '../../components/options/Options';
import type { OptionsState } from '../../lib/messages';
import { englishT } from '../support/translate';
import { historyOffers } from '../../lib/history/history-offers';
import { builtinSites } from '../../lib/sites/builtin-sites';
import type { HistorySourceKind } from '../../lib/store/schema';

const now = Date.UTC(2026, 10, 22, 12);
const historyOf = (siteId: string, always: HistorySourceKind[] = []) => ({ offers: historyOffers(builtinSites.find((site) => site.id === siteId) ?? {}), always });
const state: OptionsState = {
  retention: { maxVersions: 200, maxAgeDays: 0, maxStorageMB: 0 },
  customSites: [],
  estimate: { usage: 5 * 1024 * 1024, quota: 2 * 1024 ** 3 },
  feedCache: { files: 0, bytes: 0 },
  follows: [],
  sites: [
    { id: 'django-rest-framework', name: 'Django REST framework', enabled: true, feed: { url: 'https://feeds.example.org/drf/index.json', lastSync: now - 3600e3, error: null }, usage: { pages: 7, versions: 287, bytes: 900 * 1024 }, history: historyOf('django-rest-framework', ['archive']) },
    { id: 'mdn', name: 'MDN Web Docs', enabled: false, feed: { url: 'https://feeds.example.org/mdn/index.json', lastSync: now - 60e3, error: 'the server answered 404 Not Found' }, usage: null, history: historyOf('mdn') },
    { id: 'react', name: 'React', enabled: true, feed: null, usage: null, history: historyOf('react') },
  ],
};

function renderOptions(status: { text: string; error: boolean } | null = null, current: OptionsState = state, feedOffers: FeedOffer[] = []) {
  const actions: OptionsActions = {
    setSiteEnabled: vi.fn(), setFeed: vi.fn(), syncNow: vi.fn(), clearSite: vi.fn(), setRetention: vi.fn(), exportAll: vi.fn(), importFile: vi.fn(), clearAll: vi.fn(), addSite: vi.fn(), removeSite: vi.fn(),
    acceptFeed: vi.fn(), dismissFeed: vi.fn(), setHistoryAlways: vi.fn(), unfollow: vi.fn(), setFollowNotify: vi.fn(), setFollowArchive: vi.fn(),
  };
  render(<Options state={current} status={status} t={englishT} now={now} locale="en-US" actions={actions} feedOffers={feedOffers} />);
  return actions;
}

afterEach(cleanup);

describe('the options page', () => {
  test('each site: tracking switch, feed status in plain words, storage, clear', () => {
    const actions = renderOptions();
    const drf = screen.getByRole('switch', { name: 'Track Django REST framework' });
    expect(drf.getAttribute('aria-checked')).toBe('true');
    expect(screen.getByRole('switch', { name: 'Track MDN Web Docs' }).getAttribute('aria-checked')).toBe('false');
    expect(screen.getByText('Last synced 1 hour ago.')).toBeTruthy();
    expect(screen.getByText('Last sync 1 minute ago failed: the server answered 404 Not Found')).toBeTruthy();
    expect(screen.getByText('No feed.')).toBeTruthy();
    expect(screen.getByText('7 pages, 287 versions, 900 KB')).toBeTruthy();
    fireEvent.click(drf);
    expect(actions.setSiteEnabled).toHaveBeenCalledWith('django-rest-framework', false);
    fireEvent.click(screen.getByRole('button', { name: 'Clear Django REST framework' }));
    expect(actions.clearSite).toHaveBeenCalledWith('django-rest-framework');
  });

  test('a feed URL is saved, removed when emptied, and synced on demand', () => {
    const actions = renderOptions();
    const input = screen.getByLabelText('Feed URL for React') as HTMLInputElement;
    fireEvent.input(input, { target: { value: ' https://feeds.example.org/react/index.json ' } });
    const form = input.closest('form')!;
    fireEvent.click(within(form).getByRole('button', { name: 'Save feed' }));
    expect(actions.setFeed).toHaveBeenCalledWith('react', 'https://feeds.example.org/react/index.json');
    expect((within(form).getByRole('button', { name: 'Sync now' }) as HTMLButtonElement).disabled).toBe(true);
    const drf = screen.getByLabelText('Feed URL for Django REST framework') as HTMLInputElement;
    fireEvent.input(drf, { target: { value: '' } });
    fireEvent.click(within(drf.closest('form')!).getByRole('button', { name: 'Save feed' }));
    expect(actions.setFeed).toHaveBeenCalledWith('django-rest-framework', null);
    fireEvent.click(within(drf.closest('form')!).getByRole('button', { name: 'Sync now' }));
    expect(actions.syncNow).toHaveBeenCalledWith('django-rest-framework');
  });

  test('each site\'s history sources have an "always" switch that says what it sends where', () => {
    const actions = renderOptions(null, { ...state, customSites: [{ id: 'custom:https://docs.example.org/*', name: 'docs.example.org', pattern: 'https://docs.example.org/*', contentSelector: null, usage: null, history: historyOf('custom') }] });
    const drf = screen.getByText('Django REST framework').closest('li')!;
    const archive = within(drf).getByRole('switch', { name: 'Always ask The Internet Archive on a first visit' });
    const github = within(drf).getByRole('switch', { name: 'Always ask GitHub (encode/django-rest-framework) on a first visit' });
    expect([archive.getAttribute('aria-checked'), github.getAttribute('aria-checked')]).toEqual(['true', 'false']);
    expect(within(drf).getByText('Each first visit to a page of this site then sends its address to api.github.com, raw.githubusercontent.com.')).toBeTruthy();
    fireEvent.click(github);
    expect(actions.setHistoryAlways).toHaveBeenCalledWith('django-rest-framework', expect.objectContaining({ kind: 'github' }), true);
    fireEvent.click(archive);
    expect(actions.setHistoryAlways).toHaveBeenLastCalledWith('django-rest-framework', expect.objectContaining({ kind: 'archive' }), false);
    // A site the reader added: any public site is in the Internet Archive; it has no repository DocDelta knows.
    const added = screen.getByText('https://docs.example.org/*').closest('li')!;
    expect(within(added).getAllByRole('switch').map((control) => control.textContent)).toEqual(['Always ask The Internet Archive on a first visit']);
  });

  test('storage counts the sites the reader added and the cached feed files too', () => {
    renderOptions(null, {
      ...state,
      customSites: [{ id: 'custom:https://docs.example.org/*', name: 'docs.example.org', pattern: 'https://docs.example.org/*', contentSelector: null, usage: { pages: 1, versions: 2, bytes: 100 * 1024 }, history: historyOf('custom') }],
      feedCache: { files: 3, bytes: 24 * 1024 },
    });
    expect(screen.getByText('DocDelta stores 1 MB of docs history.')).toBeTruthy();
    expect(screen.getByText('Of which 24 KB are 3 feed files kept to check for updates and to read offline; they go first when storage is full.')).toBeTruthy();
  });

  test('storage: totals, retention, export, import, and a two-step delete-all', () => {
    const actions = renderOptions();
    expect(screen.getByText('DocDelta stores 900 KB of docs history.')).toBeTruthy();
    expect(screen.getByText('The browser counts 5 MB used of 2 GB available.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Versions kept per page'), { target: { value: '50' } });
    fireEvent.input(screen.getByLabelText('Days kept (0 keeps them forever)'), { target: { value: '365' } });
    fireEvent.input(screen.getByLabelText(/^Storage budget in MB/), { target: { value: '200' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(actions.setRetention).toHaveBeenCalledWith({ maxVersions: 50, maxAgeDays: 365, maxStorageMB: 200 });
    fireEvent.click(screen.getByRole('button', { name: 'Export everything to a file' }));
    expect(actions.exportAll).toHaveBeenCalledOnce();
    const file = new File(['{}'], 'docdelta.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText('Import from a file'), { target: { files: [file] } });
    expect(actions.importFile).toHaveBeenCalledWith(file);
    fireEvent.click(screen.getByRole('button', { name: 'Delete all DocDelta data' }));
    expect(actions.clearAll).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Click again to delete everything' }));
    expect(actions.clearAll).toHaveBeenCalledOnce();
  });

  test('feeds an imported file named are listed with their address, and set only when the reader confirms one', () => {
    const actions = renderOptions(null, state, [{ siteId: 'react', url: 'https://feeds.example.net/react/index.json' }]);
    const offers = screen.getByRole('region', { name: 'Feeds named in the imported file' });
    expect(within(offers).getByText('https://feeds.example.net/react/index.json')).toBeTruthy();
    expect(within(offers).getByText('React')).toBeTruthy();
    expect(actions.setFeed).not.toHaveBeenCalled();
    fireEvent.click(within(offers).getByRole('button', { name: 'Use this feed for React' }));
    expect(actions.acceptFeed).toHaveBeenCalledWith('react', 'https://feeds.example.net/react/index.json');
    fireEvent.click(within(offers).getByRole('button', { name: 'Dismiss the feed for React' }));
    expect(actions.dismissFeed).toHaveBeenCalledWith('react');
  });

  test('sites the reader added: listed with their pattern and selector, removable; new ones added by address or pattern', () => {
    const actions = renderOptions(null, { ...state, customSites: [{ id: 'custom:https://docs.example.org/*', name: 'docs.example.org', pattern: 'https://docs.example.org/*', contentSelector: '#doc', usage: { pages: 2, versions: 3, bytes: 2048 }, history: historyOf('custom') }] });
    expect(screen.getByText('https://docs.example.org/*')).toBeTruthy();
    expect(screen.getByText('article: #doc')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop tracking docs.example.org' }));
    expect(actions.removeSite).toHaveBeenCalledWith('custom:https://docs.example.org/*');
    fireEvent.input(screen.getByLabelText(/^Site address or pattern/), { target: { value: ' https://guide.example.com/v2/ ' } });
    fireEvent.input(screen.getByLabelText(/^Article selector/), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    expect(actions.addSite).toHaveBeenCalledWith('https://guide.example.com/v2/', null);
  });

  test('the outcome of an action is announced; errors look like errors', () => {
    renderOptions({ text: 'Something went wrong: This export is damaged', error: true });
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Something went wrong: This export is damaged');
    expect(status.className).toContain('error');
  });
});
