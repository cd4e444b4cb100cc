import type { WxtBrowser } from 'wxt/browser';
import type { FromExtensionPage } from '../messages';

type Request<K extends keyof FromExtensionPage> = FromExtensionPage[K]['request'];
type Response<K extends keyof FromExtensionPage> = FromExtensionPage[K]['response'];

export class BackgroundError extends Error {
  override name = 'BackgroundError';
}

/** One request from an extension page; the background answers `{ ok, value }` or `{ ok: false, error }`. */
export async function requestBackground<K extends keyof FromExtensionPage>(browser: WxtBrowser, type: K, payload: Request<K>): Promise<Response<K>> {
  const response = (await browser.runtime.sendMessage({ type, payload })) as { ok: boolean; value?: unknown; error?: string } | undefined;
  if (!response?.ok) throw new BackgroundError(response?.error ?? 'DocDelta\'s background did not answer');
  return response.value as never;
}
