import type { WxtBrowser } from 'wxt/browser';

/** How long work a click asked for waits for the browser's permission prompt to be answered. */
export const GRANT_WAIT_MS = 5 * 60_000;

/** The reader said no to the browser's prompt, or did not answer it in time: nothing was sent. */
export class AccessNotGrantedError extends Error {}

export interface AccessRequest {
  origins: string[];
  /** Firefox's data-collection kinds asked in the same prompt (Chromium has none). */
  dataCollection?: string[];
}

interface Waiter {
  request: AccessRequest;
  granted: () => void;
  refused: () => void;
}

export interface AccessGrants {
  /** Resolves once the browser grants `request` (at once when it already has); rejects on a refusal or after GRANT_WAIT_MS. */
  until(request: AccessRequest): Promise<void>;
  /** Does `work` once `request` is granted; counted as busy from the click until the work is done. */
  afterGrant<T>(request: AccessRequest, work: () => Promise<T>): Promise<T>;
  /** The reader refused `origins` in the prompt (the page that asked saw it): work waiting on them is dropped. */
  refused(origins: readonly string[]): void;
  /** Whether work is waiting or running (the background keeps itself awake meanwhile). */
  busy(): boolean;
}

let grants: AccessGrants | null = null;

/**
 * Work a reader's click asked for that needs hosts the browser must first grant. The page that
 * asked may not live to see the prompt answered: in Firefox the prompt can close the toolbar
 * popup, and its awaits go with it. So the click hands its work to the background at once, and
 * the background does it when the hosts are granted (at once when they already are, or when
 * `permissions.onAdded` says so), whether or not the popup is still there to show the outcome.
 * Made once, when the background starts: Firefox wakes a stopped event page for a listener
 * added then.
 */
export function accessGrants(browser: WxtBrowser): AccessGrants {
  return (grants ??= createAccessGrants(browser));
}

/** The background's grants (one per background: see accessGrants); `waitMs` is how long a prompt may go unanswered. */
export function createAccessGrants(browser: WxtBrowser, waitMs = GRANT_WAIT_MS): AccessGrants {
  const waiters = new Set<Waiter>();
  let running = 0;
  const holds = (request: AccessRequest) => {
    const consent = import.meta.env.FIREFOX && request.dataCollection?.length ? { data_collection: request.dataCollection } : {};
    return browser.permissions.contains({ origins: request.origins, ...consent } as { origins: string[] }).catch(() => false);
  };
  browser.permissions.onAdded.addListener(() => {
    for (const waiter of [...waiters]) {
      void holds(waiter.request).then((yes) => {
        if (yes && waiters.delete(waiter)) waiter.granted();
      });
    }
  });
  return {
    async until(request) {
      let waiter: Waiter | undefined;
      const answered = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (waiters.delete(waiter!)) reject(new AccessNotGrantedError('The browser did not allow DocDelta to reach those hosts; nothing was sent.'));
        }, waitMs);
        waiter = {
          request,
          granted: () => { clearTimeout(timer); resolve(); },
          refused: () => { clearTimeout(timer); reject(new AccessNotGrantedError('You did not allow DocDelta to reach those hosts; nothing was sent.')); },
        };
      });
      // Waiting first, then asking: a grant that lands in between is not missed.
      waiters.add(waiter!);
      if (await holds(request) && waiters.delete(waiter!)) waiter!.granted();
      return answered;
    },
    async afterGrant(request, work) {
      running++;
      try {
        await this.until(request);
        return await work();
      } finally {
        running--;
      }
    },
    refused(origins) {
      for (const waiter of [...waiters]) {
        if (origins.some((origin) => waiter.request.origins.includes(origin)) && waiters.delete(waiter)) waiter.refused();
      }
    },
    busy: () => running > 0 || waiters.size > 0,
  };
}
