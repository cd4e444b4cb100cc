// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, expect, test } from 'vitest';
import { OptionsApp } from '../../components/options/OptionsApp';
import type { OptionsState } from '../../lib/messages';
import type { ExtensionPageClient } from '../../lib/pages/extension-page-client';
import { englishT } from '../support/translate';

afterEach(cleanup);

const site = { id: 'react', name: 'React', enabled: true, usage: null, history: { offers: [], always: [] } };
const stateWith = (feed: string | null): OptionsState => ({
  retention: { maxVersions: 200, maxAgeDays: 0, maxStorageMB: 0 },
  customSites: [],
  estimate: null,
  feedCache: { files: 0, bytes: 0 },
  follows: [],
  sites: [{ ...site, feed: feed === null ? null : { url: feed, lastSync: null, error: null } }],
});

/** Lets Preact render what the last event changed, as the time between a reader's keystroke and click does. */
const rendered = () => new Promise((resolve) => setTimeout(resolve, 10));

/** A background that keeps the feed it is given and answers the state only when `answer` is called. */
function slowBackground() {
  let feed: string | null = null;
  const waiting: (() => void)[] = [];
  const client = {
    t: englishT,
    locale: 'en-US',
    send: async (type: string, payload: { url?: string | null }) => {
      if (type === 'set-feed') {
        feed = payload.url ?? null;
        return null;
      }
      if (type === 'options-state') {
        const answer = stateWith(feed);
        if (feed !== null) await new Promise<void>((resolve) => waiting.push(resolve));
        return answer;
      }
      throw new Error(`unexpected ${type}`);
    },
  } as unknown as ExtensionPageClient;
  return { client, answer: () => waiting.splice(0).forEach((resolve) => resolve()) };
}

test('an action is announced once the page shows its result: "feed saved" finds Sync now enabled', async () => {
  const background = slowBackground();
  render(<OptionsApp client={background.client} />);
  const input = (await screen.findByLabelText('Feed URL for React')) as HTMLInputElement;
  await rendered();
  fireEvent.input(input, { target: { value: 'https://feeds.example.org/react/index.json' } });
  await rendered();
  const form = input.closest('form')!;
  fireEvent.click(within(form).getByRole('button', { name: 'Save feed' }));
  const syncNow = within(form).getByRole('button', { name: 'Sync now' }) as HTMLButtonElement;
  // Saved, but the page does not show it yet: no message invites a click on a disabled button.
  await rendered();
  expect(screen.queryByText('React: feed saved.')).toBeNull();
  expect(syncNow.disabled).toBe(true);
  background.answer();
  await screen.findByText('React: feed saved.');
  expect(syncNow.disabled).toBe(false);
});

test('when the new state cannot be fetched, the outcome is still said', async () => {
  let calls = 0;
  const client = {
    t: englishT,
    locale: 'en-US',
    send: async (type: string) => {
      if (type === 'set-feed') return null;
      if (calls++ === 0) return stateWith(null);
      throw new Error('the background is gone');
    },
  } as unknown as ExtensionPageClient;
  render(<OptionsApp client={client} />);
  const input = (await screen.findByLabelText('Feed URL for React')) as HTMLInputElement;
  await rendered();
  fireEvent.input(input, { target: { value: 'https://feeds.example.org/react/index.json' } });
  await rendered();
  fireEvent.click(within(input.closest('form')!).getByRole('button', { name: 'Save feed' }));
  await waitFor(() => expect(screen.getByText('React: feed saved.')).toBeTruthy());
});
