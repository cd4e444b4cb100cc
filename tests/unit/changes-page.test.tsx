// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ChangesPage, type ChangesSource } from '../../components/changes/ChangesPage';
import { TextDiffView } from '../../components/changes/TextDiffView';
import type { SiteChanges } from '../../lib/changes/site-changes';
import { textHunks } from '../../lib/changes/text-hunks';
import { englishT } from '../support/translate';

const now = Date.UTC(2026, 10, 22, 12);
const para = (text: string) => ({ kind: 'paragraph' as const, level: 0, text });
const sites: SiteChanges[] = [{
  siteId: 'django-rest-framework', siteName: 'Django REST framework', addedWords: 50, removedWords: 7, followed: null,
  pages: [
    { pageKey: 'drf/fields', url: 'https://www.django-rest-framework.org/api-guide/fields/', title: 'Serializer fields', addedWords: 42, removedWords: 5, movedWords: 0, places: 3, changedAt: now - 3600e3, fromVersionId: 1, toVersionId: 3 },
    { pageKey: 'drf/filtering', url: 'https://www.django-rest-framework.org/api-guide/filtering/', title: '<b>Filtering</b>', addedWords: 8, removedWords: 2, movedWords: 31, places: 1, changedAt: now - 2 * 864e5, fromVersionId: 7, toVersionId: 8 },
  ],
}];

function source(): ChangesSource {
  return {
    timeline: vi.fn(async () => [3, 2, 1].map((id) => ({ versionId: id, time: now - id * 864e5, source: 'visit' as const, label: null, inFeed: false, addedWords: 0, removedWords: 0 }))),
    diff: vi.fn(async (_key: string, from: number | null, to: number | null) => textHunks(['intro', 'old wording', 'outro'].map(para), from === to ? ['intro', 'old wording', 'outro'].map(para) : ['intro', 'new wording', 'outro'].map(para))),
    openLive: vi.fn(),
    markSeen: vi.fn(),
  };
}

afterEach(cleanup);

describe('the changes page', () => {
  test('per site: how many pages changed and by how much; per page: counts and when', () => {
    render(<ChangesPage sites={sites} period={{ kind: 'last-visit' }} onPeriod={vi.fn()} source={source()} t={englishT} now={now} locale="en-US" />);
    expect(screen.getByRole('heading', { name: 'Django REST framework' })).toBeTruthy();
    expect(screen.getByText('2 pages changed, +50 −7 words')).toBeTruthy();
    const rows = screen.getAllByRole('listitem');
    expect(rows[0]!.textContent).toContain('+42 −5 words in 3 places');
    expect(rows[0]!.textContent).toContain('changed 1 hour ago');
    // Page titles are text, never markup.
    expect(screen.getByText('<b>Filtering</b>')).toBeTruthy();
  });

  test('details are collapsed until asked for; then hunks show, and any two versions can be compared', async () => {
    const src = source();
    render(<ChangesPage sites={sites} period={{ kind: 'last-visit' }} onPeriod={vi.fn()} source={src} t={englishT} now={now} locale="en-US" />);
    const row = screen.getAllByRole('listitem')[0]!;
    const details = within(row).getByRole('button', { name: 'Details' });
    expect(details.getAttribute('aria-expanded')).toBe('false');
    expect(row.querySelector('del')).toBeNull();
    fireEvent.click(details);
    expect(details.getAttribute('aria-expanded')).toBe('true');
    await waitFor(() => expect(row.querySelector('del')?.textContent).toBe('old wording'));
    expect(row.querySelector('ins')?.textContent).toBe('new wording');
    expect(src.diff).toHaveBeenCalledWith('drf/fields', 1, 3);
    await waitFor(() => expect(within(row).getByLabelText('From')).toBeTruthy());
    fireEvent.change(within(row).getByLabelText('From'), { target: { value: '3' } });
    await waitFor(() => expect(src.diff).toHaveBeenLastCalledWith('drf/fields', 3, 3));
    await waitFor(() => expect(within(row).getByText('These two versions read the same.')).toBeTruthy());
  });

  test('opening the live page asks for the overlay against the compared version; the period can change', () => {
    const src = source();
    const onPeriod = vi.fn();
    render(<ChangesPage sites={sites} period={{ kind: 'last-visit' }} onPeriod={onPeriod} source={src} t={englishT} now={now} locale="en-US" />);
    fireEvent.click(within(screen.getAllByRole('listitem')[1]!).getByRole('button', { name: 'Open the page with these changes' }));
    expect(src.openLive).toHaveBeenCalledWith('drf/filtering', 7);
    fireEvent.change(screen.getByLabelText('Show changes'), { target: { value: '30' } });
    expect(onPeriod).toHaveBeenCalledWith({ kind: 'days', days: 30 });
  });

  test('a followed site: since when, how its source went, "Mark all as seen"; this week starts on Monday', () => {
    const src = source();
    const onPeriod = vi.fn();
    const followed = [{ ...sites[0]!, followed: { followedAt: now - 3 * 864e5, seenAt: now - 864e5, sources: [{ kind: 'github' as const, lastCheck: now - 2 * 3600e3, error: null }, { kind: 'feed' as const, lastCheck: now, error: 'the feed: index.json is not JSON' }] } }];
    render(<ChangesPage sites={followed} period={{ kind: 'seen' }} onPeriod={onPeriod} source={src} t={englishT} now={now} locale="en-US" />);
    const head = screen.getByText(/^Following since/).textContent!;
    expect(head).toContain('GitHub checked 2 hours ago');
    expect(head).toContain('index.json is not JSON');
    fireEvent.click(screen.getByRole('button', { name: 'Mark all as seen' }));
    expect(src.markSeen).toHaveBeenCalledWith('django-rest-framework');
    // The filtering page's moved words are counted apart.
    expect(screen.getAllByRole('listitem')[1]!.textContent).toContain('+8 −2 words and 31 moved, in 1 place');
    fireEvent.change(screen.getByLabelText('Show changes'), { target: { value: 'week' } });
    const monday = onPeriod.mock.calls[0]![0] as { kind: 'since'; at: number };
    expect(monday.kind).toBe('since');
    expect(new Date(monday.at).getDay()).toBe(1);
    expect(now - monday.at).toBeGreaterThanOrEqual(0);
    expect(now - monday.at).toBeLessThan(7 * 864e5);
  });

  test('a page new in the period says so, and its details compare it with nothing', async () => {
    const src = source();
    const added = [{ ...sites[0]!, pages: [{ ...sites[0]!.pages[0]!, fromVersionId: null, removedWords: 0 }] }];
    render(<ChangesPage sites={added} period={{ kind: 'seen' }} onPeriod={vi.fn()} source={src} t={englishT} now={now} locale="en-US" />);
    expect(screen.getByText('New page')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Details' }));
    await waitFor(() => expect(src.diff).toHaveBeenCalledWith('drf/fields', null, 3));
    fireEvent.click(screen.getByRole('button', { name: 'Open the page with these changes' }));
    expect(src.openLive).toHaveBeenCalledWith('drf/fields', 3);
  });

  test('a page removed in the period says so, and offers no live page to open', async () => {
    const src = source();
    const removed = [{ ...sites[0]!, pages: [{ ...sites[0]!.pages[0]!, toVersionId: null, addedWords: 0 }] }];
    render(<ChangesPage sites={removed} period={{ kind: 'seen' }} onPeriod={vi.fn()} source={src} t={englishT} now={now} locale="en-US" />);
    expect(screen.getByText('Removed page')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Open the page with these changes' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Serializer fields' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Details' }));
    await waitFor(() => expect(src.diff).toHaveBeenCalledWith('drf/fields', 1, null));
  });

  test('moved passages in the hunks: once where they stand, tagged, and a line where they stood', () => {
    const stays = ['An introduction that stays where it was, long enough to outweigh the passage', 'The rest of the page, which also stays where it was and is longer than the passage'];
    const passage = 'A moved passage with enough words to count as one';
    const diff = textHunks([stays[0]!, passage, stays[1]!, 'Tail'].map(para), [stays[0]!, stays[1]!, passage, 'Tail'].map(para));
    render(<TextDiffView diff={diff} t={englishT} />);
    const moved = document.querySelector('.line.moved')!;
    expect(moved.textContent).toContain('Moved here from above');
    expect(moved.textContent).toContain(passage);
    expect(document.querySelector('.line.moved-away')!.textContent).toContain('Moved down ↓');
    expect(document.querySelectorAll('.line.added, .line.removed')).toHaveLength(0);
  });

  test('nothing changed says so', () => {
    render(<ChangesPage sites={[]} period={{ kind: 'days', days: 7 }} onPeriod={vi.fn()} source={source()} t={englishT} now={now} />);
    expect(screen.getByText('No stored page changed in this period.')).toBeTruthy();
  });
});
