import type { WxtBrowser } from 'wxt/browser';
import type { FromExtensionPage, Reply } from '../messages';

type Request<K extends keyof FromExtensionPage> = FromExtensionPage[K]['request'];
type Response<K extends keyof FromExtensionPage> = FromExtensionPage[K]['response'];

export class BackgroundError extends Error {
  override name = 'BackgroundError';
}

/** One request from an extension page; the background's refusal or failure (a `Reply` without `ok`) is thrown. */
export async function requestBackground<K extends keyof FromExtensionPage>(browser: WxtBrowser, type: K, payload: Request<K>): Promise<Response<K>> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<Response<K>> | undefined;
  if (!reply?.ok) throw new BackgroundError(reply?.error ?? 'DocDelta\'s background did not answer');
  return reply.value;
}
