import { render } from 'preact';
import { PopupApp } from '@/components/popup/PopupApp';
import { extensionPageClient } from '@/lib/pages/extension-page-client';
import { FIRST_LOOK_GLOBAL, firstLook, namedTab, type FirstLook } from '@/lib/pages/popup-first-look';
import '@/components/extension-page.css';
import './popup.css';

// Marks for `npm run bench` (popup.bench.ts), which explains where the popup's first 100 ms go.
performance.mark('docdelta:script');
// The question the page's first script asked; asked here if that script did not run.
const first = ((globalThis as Record<string, unknown>)[FIRST_LOOK_GLOBAL] as FirstLook | undefined) ?? firstLook(browser, namedTab(location.search));
render(<PopupApp client={extensionPageClient(browser)} first={first} />, document.getElementById('app')!);
