/**
 * Shared-memory segments: the one copy per machine of each @rro version, as POSIX shared-memory objects.
 * On Linux, shm_open("/name") is the file /dev/shm/name, so segments are published, listed and removed with
 * ordinary file calls, and mapped with shm-typed-array (see worker/rro-table.ts). A segment is its version's
 * file (store/codec.ts puts a typed array's byte length and elements first, which is shm-typed-array's POSIX
 * layout): a hard link to it, or a copy of it where the run directory is elsewhere.
 *
 * A segment of version d<id>v<ver> is named `taskify-shm-<pid>-<run>-d<id>v<ver>`: the pid lets a later run
 * (or `taskify shm clean`) remove what a killed run left; the run token keeps two runtimes of one process apart.
 */
import { constants, copyFileSync, linkSync, readdirSync, rmSync, statSync, statfsSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { basename, join } from 'node:path';
import { ownerPid, isAlive } from './owner';
import { RUN_DIR_PREFIX } from './run-dir';

export const SHM_DIR = '/dev/shm';
const PREFIX = 'taskify-shm-';

/** `taskify-shm-<pid>-<run>-` for the run directory `taskify-run-<pid>-<run>`. */
export function segmentPrefix(runDir: string): string {
  const name = basename(runDir);
  if (!name.startsWith(RUN_DIR_PREFIX)) throw new Error(`not a taskify run directory: ${runDir}`);
  return PREFIX + name.slice(RUN_DIR_PREFIX.length) + '-';
}

/** The shm_open name of a version's segment (what shm-typed-array takes). */
export const segmentName = (prefix: string, key: string): string => `/${prefix}${key}`;
export const segmentFile = (prefix: string, key: string): string => join(SHM_DIR, prefix + key);

export interface SegmentInfo { readonly name: string; readonly pid: number; readonly alive: boolean; readonly bytes: number }

export function listSegments(): SegmentInfo[] {
  const found: SegmentInfo[] = [];
  for (const name of namesIn(SHM_DIR)) {
    const pid = ownerPid(name, PREFIX);
    if (pid === undefined) continue;
    let bytes = 0;
    try { bytes = statSync(join(SHM_DIR, name)).size; } catch { continue; } // removed meanwhile
    found.push({ name, pid, alive: isAlive(pid), bytes });
  }
  return found;
}

/** Bytes the segments of one run take (finished ones and those being written). */
export function bytesOfRun(prefix: string): number {
  let total = 0;
  for (const name of namesIn(SHM_DIR)) {
    if (!name.startsWith(prefix)) continue;
    try { total += statSync(join(SHM_DIR, name)).size; } catch { /* removed meanwhile */ }
  }
  return total;
}

/** Free bytes of the shared-memory file system, and its size. */
export function shmSpace(): { free: number; total: number } {
  const fs = statfsSync(SHM_DIR);
  return { free: fs.bavail * fs.bsize, total: fs.blocks * fs.bsize };
}

/** A dead version's segment. Workers that mapped it unmap it on their own; the memory goes with the last mapping. */
export function removeSegment(prefix: string, key: string): void {
  rmSync(segmentFile(prefix, key), { force: true });
}

/** Every segment of a run, including half-written ones: at the end of the run. */
export function removeRunSegments(prefix: string): number {
  let removed = 0;
  for (const name of namesIn(SHM_DIR)) {
    if (!name.startsWith(prefix)) continue;
    rmSync(join(SHM_DIR, name), { force: true });
    removed++;
  }
  return removed;
}

/** Segments whose process is gone (a run killed with kill -9). */
export function removeStaleSegments(): SegmentInfo[] {
  const removed = listSegments().filter((segment) => !segment.alive);
  for (const segment of removed) rmSync(join(SHM_DIR, segment.name), { force: true });
  return removed;
}

function namesIn(dir: string): string[] {
  try { return readdirSync(dir); } catch { return []; }
}

/**
 * Make a version file the segment itself, with a hard link: no copy, no extra memory. Possible when the run
 * directory is on /dev/shm (the default) and the file is [u64 byte length][elements]… (store/codec.ts), which
 * is what shm-typed-array maps. link(2) fails if the name exists: of two threads or processes racing, one
 * publishes and the other finds it. Returns whether this call published it; throws EXDEV when the run
 * directory is on another file system.
 */
export function linkSegment(prefix: string, key: string, file: string): boolean {
  try {
    linkSync(file, segmentFile(prefix, key));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Where linking is not possible (the run directory is on another file system): publish a copy of the version
 * file instead, the same bytes, so the same layout. It is copied under a private temporary name and then
 * linked into place, so a reader never sees a half-written segment and two writers racing end with one.
 * The copy goes through the kernel (copy_file_range/write), so a full /dev/shm is an ENOSPC error here
 * rather than a SIGBUS later in a mapping. Returns whether this call published it.
 */
export function copySegment(prefix: string, key: string, versionFile: string): boolean {
  const temporary = `${segmentFile(prefix, key)}.${process.pid}.${threadId}.tmp`;
  try {
    copyFileSync(versionFile, temporary, constants.COPYFILE_EXCL); // keeps the file's mode, 0600
    return linkSegment(prefix, key, temporary);
  } finally {
    rmSync(temporary, { force: true });
  }
}
