import { installOverlay } from '@/lib/overlay/install-overlay';

// Run by the background into a tab's content-script world, only when its page has changes to show.
export default defineUnlistedScript(() => installOverlay());
