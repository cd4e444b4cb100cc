// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { RepositoryChanges, type RepositorySource } from '../../components/changes/RepositoryChanges';
import type { RepositoryChanges as Changes } from '../../lib/history/repository-changes';
import { englishT } from '../support/translate';

const site = { siteId: 'django-rest-framework', siteName: 'Django REST framework', repo: 'encode/django-rest-framework', folder: 'docs' };
const changes: Changes = {
  repo: site.repo, days: 30, commits: 4, base: 'a'.repeat(40), head: 'b'.repeat(40),
  files: [
    { file: 'docs/api-guide/fields.md', status: 'modified', additions: 12, deletions: 3, page: 'https://www.django-rest-framework.org/api-guide/fields/' },
    { file: 'docs/api-guide/new.md', status: 'added', additions: 40, deletions: 0, page: 'https://www.django-rest-framework.org/api-guide/new/' },
    { file: 'docs/img/<b>logo</b>.png', status: 'modified', additions: 0, deletions: 0, page: null },
  ],
};

afterEach(cleanup);

describe('the changes page\'s repositories section', () => {
  test('nothing is asked before the reader picks a period; then every changed page of the folder, words on demand', async () => {
    const source: RepositorySource = { changes: vi.fn(async () => changes), words: vi.fn(async () => ({ addedWords: 96, removedWords: 2 })) };
    render(<RepositoryChanges sites={[site]} source={source} t={englishT} />);
    expect(screen.getByText(/Your click lets DocDelta ask api.github.com .* about encode\/django-rest-framework's docs folder; nothing is sent before it./)).toBeTruthy();
    expect(source.changes).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'What changed in encode/django-rest-framework in the last 30 days' }));
    expect(source.changes).toHaveBeenCalledWith('django-rest-framework', 30);
    expect((await screen.findByText('2 pages changed in the last 30 days (4 commits).')).getAttribute('role')).toBe('status');
    const rows = screen.getAllByRole('listitem');
    expect(within(rows[0]!).getByRole('link').getAttribute('href')).toBe('https://www.django-rest-framework.org/api-guide/fields/');
    expect(rows[0]!.textContent).toContain('+12 −3 lines of source');
    expect(rows[1]!.textContent).toContain('new');
    // A file that builds no page is named by its path, as text.
    expect(within(rows[2]!).queryByRole('link')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
    fireEvent.click(within(rows[0]!).getByRole('button', { name: 'Count the words changed in docs/api-guide/fields.md' }));
    expect(source.words).toHaveBeenCalledWith('django-rest-framework', 'docs/api-guide/fields.md', 'a'.repeat(40), 'b'.repeat(40));
    expect(await within(rows[0]!).findByText('+96 −2 words')).toBeTruthy();
  });

  test('a quiet period and a failure are each said', async () => {
    const source: RepositorySource = {
      changes: vi.fn(async (_siteId: string, days: number) => {
        if (days === 7) return { ...changes, days: 7, commits: 0, base: null, head: null, files: [] };
        throw new Error('GitHub\'s hourly limit is reached; try after 14:05.');
      }),
      words: vi.fn(),
    };
    render(<RepositoryChanges sites={[site]} source={source} t={englishT} />);
    fireEvent.click(screen.getByRole('button', { name: /in the last 7 days/ }));
    expect(await screen.findByText('Nothing in docs changed in the last 7 days.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /in the last 30 days/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('GitHub\'s hourly limit is reached; try after 14:05.');
  });

  test('no repository among the reader\'s sites: no section', () => {
    render(<RepositoryChanges sites={[]} source={{ changes: vi.fn(), words: vi.fn() }} t={englishT} />);
    expect(screen.queryByRole('region')).toBeNull();
  });
});
