import { render } from 'preact';
import { OptionsApp } from '@/components/options/OptionsApp';
import { extensionPageClient } from '@/lib/pages/extension-page-client';
import '@/components/extension-page.css';
import './options.css';

render(<OptionsApp client={extensionPageClient(browser)} />, document.getElementById('app')!);
