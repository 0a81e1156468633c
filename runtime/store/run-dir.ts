/**
 * The run directory holds every version file of one run. It lives on /dev/shm when the machine has it
 * (files there are memory, so "writing a file" costs a copy, not a disk), is private to the user (0700),
 * and is removed at exit, or by the run's watcher if the process dies without exiting (watcher.ts).
 * Directories left when both died are removed by the next run or `taskify clean`, once their lease
 * (lease.ts, the file `lease` inside) is stale.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { abandoned, createLease } from './lease';
import { ownerPid } from './owner';
import { storeUnusable } from '../errors';

export const RUN_DIR_PREFIX = 'taskify-run-';

export function defaultStoreRoot(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    if (statSync('/dev/shm').isDirectory()) return '/dev/shm';
  } catch { /* no /dev/shm here */ }
  return tmpdir();
}

/** The run's lease: inside its directory, so that it goes with it. */
export const leaseOf = (dir: string): string => join(dir, 'lease');

/** `<pid>-<random>`: the run's public id (the pid only tells a person which program it was). */
export const runIdOf = (dir: string): string => basename(dir).slice(RUN_DIR_PREFIX.length);

/**
 * A fresh run directory with a fresh lease; abandoned ones of other runs go first. A store that cannot hold the
 * directory (missing, read-only, full) is said here, at start, naming TASKIFY_STORE (`fromEnv`: it chose `root`).
 */
export function createRunDir(root: string, fromEnv = false): string {
  removeStaleRunDirs(root);
  let dir: string;
  try {
    dir = mkdtempSync(join(root, `${RUN_DIR_PREFIX}${process.pid}-`)); // mkdtemp creates it 0700
  } catch (error) {
    throw storeUnusable(root, fromEnv, error as NodeJS.ErrnoException);
  }
  createLease(leaseOf(dir));
  return dir;
}

export function removeRunDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Run directories whose lease is stale: no live run refreshes it, whatever namespace it runs in. */
export function removeStaleRunDirs(root: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try { names = readdirSync(root); } catch { return removed; }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(RUN_DIR_PREFIX)) continue;
    const dir = join(root, name);
    if (!abandoned(leaseOf(dir), dir, ownerPid(name, RUN_DIR_PREFIX), now)) continue;
    try { removeRunDir(dir); } catch { continue; } // another user's: not ours to remove
    removed.push(name);
  }
  return removed;
}
