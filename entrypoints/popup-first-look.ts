import { FIRST_LOOK_GLOBAL, firstLook, namedTab } from '@/lib/pages/popup-first-look';

// The popup's first script, a classic one loaded before its styles and modules:
// it asks the background about the tab at once, and the app picks up the answer.
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[FIRST_LOOK_GLOBAL] = firstLook(browser, namedTab(location.search));
});
