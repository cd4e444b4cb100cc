import type { WxtBrowser } from 'wxt/browser';
import { requestBackground } from './background-request';
import { browserTranslate, type Translate } from '../i18n';
import type { FromExtensionPage } from '../messages';
import { SHORTCUT_COMMANDS, type Shortcut } from '../shortcuts';

type Request<K extends keyof FromExtensionPage> = FromExtensionPage[K]['request'];
type Response<K extends keyof FromExtensionPage> = FromExtensionPage[K]['response'];

/** What the extension's own pages need from the browser; injected, so components test without it. */
export interface ExtensionPageClient {
  send<K extends keyof FromExtensionPage>(type: K, payload: Request<K>): Promise<Response<K>>;
  shortcuts(): Promise<Shortcut[]>;
  openChanges(): void;
  openOptions(): void;
  /**
   * Asks the browser for access to origin patterns; must run from the reader's click. Where the
   * browser has data-collection consent (Firefox), the kinds DocDelta declares optional for
   * these requests are asked in the same prompt.
   */
  requestAccess(origins: string[], dataCollection?: string[]): Promise<boolean>;
  /** Asks the browser for an optional API permission ("notifications"); must run straight from the reader's click. */
  requestPermission(permission: 'notifications'): Promise<boolean>;
  /** Saves text as a file the reader downloads. */
  download(filename: string, text: string): void;
  t: Translate;
  locale: string;
}

export function extensionPageClient(browser: WxtBrowser): ExtensionPageClient {
  return {
    send: (type, payload) => requestBackground(browser, type, payload),
    async shortcuts() {
      const commands = await browser.commands.getAll();
      return SHORTCUT_COMMANDS.map((command) => ({ command, keys: commands.find((c) => c.name === command)?.shortcut ?? '' }));
    },
    openChanges() {
      void browser.tabs.create({ url: browser.runtime.getURL('/changes.html') });
    },
    openOptions() {
      void browser.runtime.openOptionsPage();
    },
    requestAccess(origins, dataCollection = []) {
      // Chromium has no data-collection permission and refuses the key.
      const consent = import.meta.env.FIREFOX && dataCollection.length > 0 ? { data_collection: dataCollection } : {};
      return browser.permissions.request({ origins, ...consent } as { origins: string[] });
    },
    requestPermission(permission) {
      return browser.permissions.request({ permissions: [permission] });
    },
    download(filename, text) {
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: filename });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    t: browserTranslate((key, substitutions) => browser.i18n.getMessage(key as never, substitutions)),
    locale: browser.i18n.getUILanguage(),
  };
}
