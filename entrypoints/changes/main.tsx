import { render } from 'preact';
import { ChangesApp } from '@/components/changes/ChangesApp';
import { extensionPageClient } from '@/lib/pages/extension-page-client';
import '@/components/extension-page.css';
import './changes.css';

render(<ChangesApp client={extensionPageClient(browser)} />, document.getElementById('app')!);
