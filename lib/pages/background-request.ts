import type { WxtBrowser } from 'wxt/browser';
import { valueOfReply, type FromExtensionPage, type Reply } from '../messages';

type Request<K extends keyof FromExtensionPage> = FromExtensionPage[K]['request'];
type Response<K extends keyof FromExtensionPage> = FromExtensionPage[K]['response'];

export class BackgroundError extends Error {
  override name = 'BackgroundError';
}

/** One request from an extension page; the background's refusal or failure (a `Reply` without `ok`) is thrown. */
export async function requestBackground<K extends keyof FromExtensionPage>(browser: WxtBrowser, type: K, payload: Request<K>): Promise<Response<K>> {
  return valueOfReply((await browser.runtime.sendMessage({ type, payload })) as Reply<Response<K>> | undefined, (message) => new BackgroundError(message));
}
