import { lstatSync, type Stats } from 'node:fs';
import { FeedInputError } from './feed-input-error';

/** What a path is, in the words of a one-line refusal. */
function kindOf(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isBlockDevice() || stats.isCharacterDevice()) return 'a device';
  if (stats.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/**
 * The builder reads only what is inside the folders it was given: a path is taken as it is
 * (`lstat`, never followed), and anything but a plain folder or file (a link that could point
 * at an ssh key, a pipe that would hang the build, a device) is refused, naming it.
 */
export function checkedFolder(path: string): Stats {
  const stats = lstatSync(path);
  if (!stats.isDirectory()) throw new FeedInputError(`${path} is ${kindOf(stats)}, not a folder; the builder reads only plain folders and files`);
  return stats;
}

/** See checkedFolder: a plain file, or a one-line refusal naming the path. */
export function checkedFile(path: string): Stats {
  const stats = lstatSync(path);
  if (!stats.isFile()) throw new FeedInputError(`${path} is ${kindOf(stats)}; the builder reads only plain folders and files`);
  return stats;
}
