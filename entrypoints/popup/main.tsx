import { render } from 'preact';
import { firstLook, PopupApp } from '@/components/popup/PopupApp';
import { extensionPageClient } from '@/lib/extension-page-client';
import '@/components/extension-page.css';
import './popup.css';

// Opened as a page (tests, or a pinned tab), ?tab=<id> names the tab to describe.
const named = Number(new URLSearchParams(location.search).get('tab'));
const client = extensionPageClient(browser);
// Ask about the tab before the first render, so the answer is on its way while Preact starts.
const first = firstLook(client, Number.isSafeInteger(named) && named > 0 ? named : null);
render(<PopupApp client={client} first={first} />, document.getElementById('app')!);
