/**
 * Shared-memory segments: the one copy per machine of each @rro version, as POSIX shared-memory objects.
 * On Linux, shm_open("/name") is the file /dev/shm/name, so segments are published, listed and removed with
 * ordinary file calls, and mapped with shm-typed-array (see worker/rro-table.ts). A segment is its version's
 * file (store/codec.ts puts a typed array's byte length and elements first, which is shm-typed-array's POSIX
 * layout): a hard link to it, or a copy of it where the run directory is elsewhere.
 *
 * A segment of version d<id>v<ver> is named `taskify-shm-<run id>-<secret>-d<id>v<ver>`. The run id is the run
 * directory's (`<pid>-<random>`), so leftovers can be told apart by run; the secret is 128 random bits known only to
 * the run (never in a command line or a file others can read), so that no one can pre-create a name the run will
 * use before it does. Names become visible once made, so a worker also checks that an existing segment is this
 * run's before it maps it (segment-check.ts). The run's segments are guarded by the lease
 * `taskify-shm-<run id>.lease` (lease.ts): in /dev/shm itself, because the run directory may be elsewhere.
 */
import { constants, copyFileSync, linkSync, readdirSync, rmSync, statSync, statfsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import { join } from 'node:path';
import { ownerPid } from './owner';
import { abandoned, createLease } from './lease';
import { checkedVersionKey } from '../protocol';

export const SHM_DIR = '/dev/shm';
const PREFIX = 'taskify-shm-';
const LEASE_SUFFIX = '.lease';

/** A new run's segment prefix `taskify-shm-<run id>-<secret>-`. */
export const newSegmentPrefix = (runId: string): string => `${PREFIX}${runId}-${randomBytes(16).toString('hex')}-`;

/** The lease guarding a run's segments, by its run id. */
export const segmentLease = (runId: string, dir = SHM_DIR): string => join(dir, `${PREFIX}${runId}${LEASE_SUFFIX}`);

/** Creates the lease of a run's segments; false where there is no /dev/shm to hold segments. */
export function createSegmentLease(runId: string): boolean {
  try { createLease(segmentLease(runId)); return true; } catch { return false; }
}

/** The run id in a segment's (or segment lease's) name, or undefined for other files. */
function runIdIn(name: string): string | undefined {
  if (!name.startsWith(PREFIX)) return undefined;
  const [pid, random] = name.slice(PREFIX.length).replace(LEASE_SUFFIX, '').split('-');
  return pid && random ? `${pid}-${random}` : undefined;
}

/** The shm_open name of a version's segment (what shm-typed-array takes). */
export const segmentName = (prefix: string, key: string): string => `/${prefix}${checkedVersionKey(key)}`;
export const segmentFile = (prefix: string, key: string): string => join(SHM_DIR, prefix + checkedVersionKey(key));

export interface SegmentInfo { readonly name: string; readonly pid: number; readonly alive: boolean; readonly bytes: number }

/**
 * Segments of taskify runs; `alive`: their run's lease is fresh (a run just starting counts as alive). `dir` is
 * /dev/shm but in tests, which judge made-up leftovers where no other taskify can touch them.
 */
export function listSegments(dir = SHM_DIR, now = Date.now()): SegmentInfo[] {
  const found: SegmentInfo[] = [];
  for (const name of namesIn(dir)) {
    const runId = runIdIn(name);
    if (runId === undefined || name.endsWith(LEASE_SUFFIX)) continue;
    const file = join(dir, name);
    let bytes = 0;
    try { bytes = statSync(file).size; } catch { continue; } // removed meanwhile
    const pid = ownerPid(name, PREFIX);
    found.push({ name, pid: pid ?? 0, alive: !abandoned(segmentLease(runId, dir), file, pid, now), bytes });
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
  removeQuietly(segmentFile(prefix, key));
}

/** Every segment of a run, including half-written ones, then its lease: at the end of the run. */
export function removeRunSegments(prefix: string): number {
  let removed = 0;
  for (const name of namesIn(SHM_DIR)) {
    if (name.startsWith(prefix) && removeQuietly(join(SHM_DIR, name))) removed++;
  }
  const runId = runIdIn(prefix);
  if (runId !== undefined) removeQuietly(segmentLease(runId));
  return removed;
}

/** Segments (and leases) of runs whose lease is stale: killed along with their watcher. */
export function removeStaleSegments(dir = SHM_DIR): SegmentInfo[] {
  const now = Date.now();
  const removed = listSegments(dir, now).filter((segment) => !segment.alive && removeQuietly(join(dir, segment.name)));
  for (const name of namesIn(dir)) {
    const lease = join(dir, name);
    if (runIdIn(name) !== undefined && name.endsWith(LEASE_SUFFIX) && abandoned(lease, '', undefined, now)) removeQuietly(lease);
  }
  return removed;
}

/**
 * Whether the file went. A name another user made (under a name this run would use) cannot be removed by us in
 * the sticky /dev/shm: it is not ours, and our clean-up must not fail on it.
 */
function removeQuietly(file: string): boolean {
  try { rmSync(file, { force: true }); return true; } catch { return false; }
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
