/**
 * The run directory holds every version file of one run. It lives on /dev/shm when the machine has it
 * (files there are memory, so "writing a file" costs a copy, not a disk), is private to the user (0700),
 * and is removed at exit; directories left by a run that was killed are removed by the next run.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownerIsDead } from './owner';
import { storeUnusable } from '../errors';

export const RUN_DIR_PREFIX = 'taskify-run-';

export function defaultStoreRoot(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    if (statSync('/dev/shm').isDirectory()) return '/dev/shm';
  } catch { /* no /dev/shm here */ }
  return tmpdir();
}

/**
 * Names carry the pid so that a later run can tell a dead run's leftovers from a live one's. A store that cannot hold
 * the directory (missing, read-only, full) is said here, at start, naming TASKIFY_STORE (`fromEnv`: it chose `root`).
 */
export function createRunDir(root: string, fromEnv = false): string {
  removeStaleRunDirs(root);
  try {
    return mkdtempSync(join(root, `${RUN_DIR_PREFIX}${process.pid}-`)); // mkdtemp creates it 0700
  } catch (error) {
    throw storeUnusable(root, fromEnv, error as NodeJS.ErrnoException);
  }
}

export function removeRunDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function removeStaleRunDirs(root: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try { names = readdirSync(root); } catch { return removed; }
  for (const name of names) {
    if (!ownerIsDead(name, RUN_DIR_PREFIX)) continue;
    removeRunDir(join(root, name));
    removed.push(name);
  }
  return removed;
}
