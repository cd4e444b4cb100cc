import type { Tab } from '../../harness/harness';

/**
 * Makes the popup in `popup` never hear the answer to a permission prompt, as when Firefox's
 * prompt closes the toolbar popup that asked: the browser still gets the request from the
 * reader's click (and, in the tests, grants it), but the popup's own await never ends. Whatever
 * the click asked for must then be done by the background.
 */
export async function popupMissesPromptAnswer(popup: Tab): Promise<void> {
  await popup.evaluate(() => {
    type Permissions = { request: (request: unknown) => Promise<boolean> };
    const scope = globalThis as unknown as Record<'chrome' | 'browser', { permissions?: Permissions } | undefined>;
    for (const api of [scope.chrome, scope.browser]) {
      const permissions = api?.permissions;
      if (!permissions) continue;
      const request = permissions.request.bind(permissions);
      Object.defineProperty(permissions, 'request', {
        configurable: true,
        value: (asked: unknown) => {
          void request(asked).catch(() => undefined);
          return new Promise<boolean>(() => undefined);
        },
      });
    }
  });
}
