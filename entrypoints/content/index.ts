import './overlay-host.css';
import { startContent } from '@/lib/content/start-content';
import { contentScriptPatterns } from '@/lib/sites/find-site';

export default defineContentScript({
  matches: contentScriptPatterns(),
  runAt: 'document_idle',
  main(ctx) {
    startContent(ctx, browser);
  },
});
