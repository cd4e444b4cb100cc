import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEED_LIMITS } from '../../lib/feed/feed-schema';
import { pageUrlFrom, typeOfFile, type SourceVersion } from './page-version';
import { checkedFile, checkedFolder } from './regular-files';

/**
 * A folder of dated snapshots: one folder per page (its name is the page's
 * path with "__" for "/"), holding files named <YYYYMMDDTHHMMSSZ>[_anything].<md|html|txt>.
 * When both a .md and an .html exist for one time, the markdown is used. Every path is
 * taken as it is, never followed (regular-files.ts); a snapshot larger than a feed may
 * hold is left out with a warning naming it.
 */
export function* snapshotVersions(folder: string, urlTemplate: string, onWarning?: (message: string) => void): Generator<SourceVersion> {
  checkedFolder(folder);
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  // Loose files beside the page folders (a README) are not pages; anything else that is not a folder is refused.
  const pages = entries.filter((entry) => !entry.isFile()).map((entry) => (checkedFolder(join(folder, entry.name)), entry.name));
  if (pages.length === 0) throw new Error(`${folder} has no page folders`);
  for (const page of pages) {
    const pageUrl = pageUrlFrom(urlTemplate, page.replace(/__/g, '/'));
    const byTime = new Map<string, string>();
    for (const name of readdirSync(join(folder, page)).sort()) {
      const stamp = /^(\d{8}T\d{6}Z)/.exec(name)?.[1];
      const type = typeOfFile(name);
      if (!stamp || !type) continue;
      const chosen = byTime.get(stamp);
      if (!chosen || (type === 'markdown' && typeOfFile(chosen) !== 'markdown')) byTime.set(stamp, name);
    }
    for (const [stamp, name] of [...byTime].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const path = join(folder, page, name);
      const { size } = checkedFile(path);
      if (size > FEED_LIMITS.contentBytes) {
        onWarning?.(`${path} is ${(size / 1e6).toFixed(1)} MB, more than a feed version may hold (${FEED_LIMITS.contentBytes / 1024 / 1024} MB); it is left out`);
        continue;
      }
      const time = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`;
      yield { pageUrl, time, type: typeOfFile(name)!, content: readFileSync(path) };
    }
  }
}
