import type { WxtBrowser } from 'wxt/browser';
import { HistoryError } from '../history/history-error';
import { GITHUB_ORIGINS } from '../history/history-offers';
import { fileWordChanges, repositoryChanges, type RepositoryChanges } from '../history/repository-changes';
import type { RepositorySite } from '../messages';
import { builtinSites } from '../sites/builtin-sites';
import type { DocDeltaDB } from '../store/open-db';
import { historyHost } from './get-history';
import { InvalidMessageError } from './validate';

const HOUR_MS = 3600_000;

/** Built-in sites built from a repository DocDelta knows, among those the reader has pages of (the changes page's section). */
export async function repositorySites(db: DocDeltaDB): Promise<RepositorySite[]> {
  const read = new Set((await db.getAll('pages')).map((page) => page.siteId));
  return builtinSites.flatMap((site) => (site.github && read.has(site.id) ? [{ siteId: site.id, siteName: site.name, repo: site.github.repo, folder: site.github.folder }] : []));
}

/**
 * What changed in a site's docs folder over the last `days` days, once the reader's click let
 * DocDelta reach GitHub. The period ends on the hour, so asking again within it is a
 * conditional request GitHub does not count against its hourly limit.
 */
export async function repositoryChangesFor(browser: WxtBrowser, db: DocDeltaDB, siteId: string, days: number): Promise<RepositoryChanges> {
  const site = await grantedSite(browser, siteId);
  return repositoryChanges(site.github, days, Math.ceil(Date.now() / HOUR_MS) * HOUR_MS, historyHost(db));
}

/** One changed file's words, counted when the reader asks (two raw files). */
export async function repositoryFileWords(browser: WxtBrowser, db: DocDeltaDB, request: { siteId: string; file: string; base: string; head: string }) {
  const site = await grantedSite(browser, request.siteId);
  return fileWordChanges(site, request.file, request.base, request.head, historyHost(db));
}

async function grantedSite(browser: WxtBrowser, siteId: string) {
  const site = builtinSites.find((candidate) => candidate.id === siteId);
  if (!site?.github) throw new InvalidMessageError('that site has no repository DocDelta knows');
  if (!(await browser.permissions.contains({ origins: GITHUB_ORIGINS }))) throw new HistoryError('DocDelta may not ask GitHub yet: allow it with this page\'s button.');
  return { ...site, github: site.github };
}
