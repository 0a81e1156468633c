/**
 * Before a worker maps a segment that exists, it checks that this run made it: a file someone else put under the
 * name (another local user, a leftover) must never be read as the version's data. A run's secret name part makes
 * such a file hard to place before the run uses the name, but names are visible in /dev/shm once made; this check
 * is what makes a foreign file harmless (the task reads its version file instead).
 *
 * - The segment is a hard link to the version file (run directory on /dev/shm, the default): it must be the very
 *   same inode as the version file, which lives in the run's private 0700 directory, so only this run can have
 *   linked it.
 * - The segment is a copy (run directory on another file system): it must be a regular file owned by this user,
 *   that no one else may write, of the version file's size. Only this user (or root) can make such a file.
 *
 * What passed cannot be swapped before the mapping: /dev/shm is sticky (mode 1777), so a file of ours can be
 * removed or renamed only by us (or root), and this run removes a segment only once its version is dead.
 */
import { fstatSync, lstatSync, type Stats } from 'node:fs';

/** Why the segment at `file` is not this run's version (fd: the open version file), or undefined if it is. */
export function foreignSegment(file: string, versionFd: number): string | undefined {
  let segment: Stats;
  try { segment = lstatSync(file); } catch { return 'it vanished'; }
  const version = fstatSync(versionFd);
  if (!segment.isFile()) return 'it is not a regular file';
  if (segment.dev === version.dev) {
    return segment.ino === version.ino ? undefined : 'it is not a link to the version file of this run';
  }
  const uid = process.getuid?.();
  if (uid !== undefined && segment.uid !== uid) return `it belongs to uid ${segment.uid}`;
  if ((segment.mode & 0o022) !== 0) return 'others may write it';
  if (segment.size !== version.size) return `it holds ${segment.size} bytes, the version file ${version.size}`;
  return undefined;
}
