import { render } from 'preact';
import { PopupApp } from '@/components/popup/PopupApp';
import { extensionPageClient } from '@/lib/extension-page-client';
import '@/components/extension-page.css';
import './popup.css';

// Opened as a page (tests, or a pinned tab), ?tab=<id> names the tab to describe.
const named = Number(new URLSearchParams(location.search).get('tab'));
render(<PopupApp client={extensionPageClient(browser)} tabId={Number.isSafeInteger(named) && named > 0 ? named : null} />, document.getElementById('app')!);
