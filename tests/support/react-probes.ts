import type { PageLike } from './page-probe';
import { until } from '../../harness/until';

// What the React-app tests read from the app in every browser (see react-docs-server.ts).

/** The app's root as markup: DocDelta's own elements dropped (unless kept), the tickers' changing element masked. */
export function appMarkup(page: PageLike, keepDocDelta = false): Promise<string> {
  return page.evaluate((keep) => {
    const clone = document.getElementById('root')!.cloneNode(true) as Element;
    for (const ticker of clone.querySelectorAll('[data-ticker]')) ticker.replaceWith(`[ticker ${ticker.getAttribute('data-ticker')}]`);
    if (!keep) for (const element of clone.querySelectorAll('*')) if (element.localName.startsWith('docdelta-')) element.remove();
    return clone.innerHTML;
  }, keepDocDelta);
}

/** Every attribute of <html> and <body>. */
export function rootAttributes(page: PageLike): Promise<string[][]> {
  return page.evaluate(() => [document.documentElement, document.body].map((element) => [...element.attributes].map((a) => `${a.name}=${a.value}`)));
}

/** The tickers' element names now, to see them change. */
export function tickers(page: PageLike): Promise<string> {
  return page.evaluate(() => [...document.querySelectorAll('[data-ticker]')].map((t) => t.localName).join());
}

/** Waits until React has hydrated the server-rendered app. */
export async function hydrated(page: PageLike): Promise<void> {
  await until(() => page.evaluate(() => (window as unknown as { hydrated?: boolean }).hydrated === true), 'the app to hydrate');
}
