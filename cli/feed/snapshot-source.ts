import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pageUrlFrom, typeOfFile, type SourceVersion } from './page-version';

/**
 * A folder of dated snapshots: one folder per page (its name is the page's
 * path with "__" for "/"), holding files named <YYYYMMDDTHHMMSSZ>[_anything].<md|html|txt>.
 * When both a .md and an .html exist for one time, the markdown is used.
 */
export function* snapshotVersions(folder: string, urlTemplate: string): Generator<SourceVersion> {
  const pages = readdirSync(folder).filter((name) => statSync(join(folder, name)).isDirectory()).sort();
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
      const time = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`;
      yield { pageUrl, time, type: typeOfFile(name)!, content: readFileSync(join(folder, page, name)) };
    }
  }
}
