import type { Block } from '../blocks';
import { isHtmlRefused } from '../published/html-refused-error';
import { publishedReaders } from '../published/published-readers';
import { formatDate } from '../format-time';
import type { SiteRule } from '../sites/site-rule';
import { askArchive, askListing, type ArchiveHost } from './ask-archive';
import { HistoryError } from './history-error';
import type { HistorySource, SourceVersion } from '../published/history-source';
import { isSamePage } from './same-page';
import { captureUrl, cdxQueryUrl, parseCdxAnswer, WAYBACK_LIMITS } from './wayback';
import { WAYBACK_NAME } from './archive-sources';

/** A page's history from the Internet Archive's captures of its address. */
export function waybackSource(pageUrl: string, site: SiteRule | undefined, host: Omit<ArchiveHost, 'name'>): HistorySource {
  const archive = { ...host, name: WAYBACK_NAME };
  return {
    kind: 'archive',
    name: WAYBACK_NAME,
    cost: { list: 1, read: 1 },
    async list({ newest, before }) {
      const answer = await askListing(cdxQueryUrl(pageUrl, { newest, before: before?.id, keepQuery: site?.keepQuery }), WAYBACK_LIMITS.listBytes, archive, (bytes) => parseCdxAnswer(new TextDecoder().decode(bytes), pageUrl, { now: (host.now ?? Date.now)(), keepQuery: site?.keepQuery }));
      if (answer.status !== 200) throw new HistoryError(`${WAYBACK_NAME} could not list this page's captures (it answered ${answer.status === 404 ? 'not found' : 'with a redirect'}).`);
      const captures = answer.value;
      if (captures.length === 0 && !before) throw new HistoryError(`${WAYBACK_NAME} has no capture of this page.`);
      return captures.map((capture) => ({ id: capture.timestamp, time: capture.time, ...(capture.original !== pageUrl ? { address: capture.original } : {}) }));
    },
    async read(version: SourceVersion, live: readonly Block[]) {
      const when = formatDate(version.time);
      const answer = await askArchive(captureUrl({ timestamp: version.id, ...(version.address ? { original: version.address } : {}) }, pageUrl, site?.keepQuery), WAYBACK_LIMITS.captureBytes, archive);
      if (answer.status === 404) throw new HistoryError(`${WAYBACK_NAME} no longer has its capture of ${when}.`);
      if (answer.status !== 200) throw new HistoryError(`${WAYBACK_NAME}'s capture of ${when} is a redirect, not this page; it was not used.`);
      let blocks: Block[] | null;
      try {
        blocks = (await publishedReaders()).articleBlocks(new TextDecoder().decode(answer.bytes), site, { wholeWithoutRoot: false });
      } catch (error) {
        if (isHtmlRefused(error)) throw new HistoryError(`${WAYBACK_NAME}'s capture of ${when} was refused: ${error.message}`);
        throw error;
      }
      // No live text (a page DocDelta never read, followed through the archive): nothing to compare with here; the caller compares two captures.
      if (!blocks || blocks.length === 0 || (live.length > 0 && !isSamePage(blocks, live))) throw new HistoryError(`${WAYBACK_NAME}'s capture of ${when} is a different page (an error page or a notice saved at this address); it was not used.`);
      return blocks;
    },
  };
}
