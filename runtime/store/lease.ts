/**
 * A run owns what it leaves on the machine (its run directory, its shared-memory segments) by a lease: a file
 * whose modification time its owner refreshes every LEASE_REFRESH_MS while the run lives (the run's watcher
 * process, see watcher.ts, and the program's own event loop). Clean-up removes a run's leftovers only when its
 * lease is older than LEASE_STALE_MS (files with no lease: see abandoned()).
 *
 * Why not the pid in the name: a pid says nothing across PID namespaces (a container sharing /dev/shm sees another
 * namespace's live run as a dead pid, or as some unrelated live process), and pids are reused. A file's mtime is the
 * same for every process that can see the file. Why not a lock library (proper-lockfile and the like): they make
 * *acquisition* exclusive, which mkdtemp and O_EXCL already give us; what we need is "is the owner still alive",
 * which is exactly their staleness check, an mtime refreshed on a timer — these few lines.
 */
import { closeSync, openSync, statSync, utimesSync } from 'node:fs';

export const LEASE_REFRESH_MS = 2_000;
/** Long enough that a machine under heavy load (or a paused container) does not lose a live run's files. */
export const LEASE_STALE_MS = 30_000;

/** Creates the lease file; fails if it exists (a run's lease is its own). */
export function createLease(file: string): void {
  closeSync(openSync(file, 'wx', 0o600));
}

/** Marks the run alive now. A lease that is gone (its run is ending) stays gone. */
export function refreshLease(file: string): void {
  const now = new Date();
  try { utimesSync(file, now, now); } catch { /* removed: the run is ending */ }
}

/**
 * Whether what a lease guards may be removed: its lease is older than LEASE_STALE_MS. Without a lease (a run that
 * has just made its directory has not made its lease yet; taskify versions before leases made none), only when the
 * guarded thing itself is that old and the pid its name carries is not alive here: the old rule, and a stricter
 * one, for the files of runs that never had a lease. Something that vanished meanwhile is not abandoned.
 */
export function abandoned(lease: string, guarded: string, pid: number | undefined, now = Date.now()): boolean {
  const age = (file: string): number | undefined => {
    try { return now - statSync(file).mtimeMs; } catch { return undefined; }
  };
  const leaseAge = age(lease);
  if (leaseAge !== undefined) return leaseAge > LEASE_STALE_MS;
  const guardedAge = age(guarded);
  return guardedAge !== undefined && guardedAge > LEASE_STALE_MS && !(pid !== undefined && isAlive(pid));
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (error) { return (error as NodeJS.ErrnoException).code === 'EPERM'; }
}
