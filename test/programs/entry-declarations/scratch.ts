import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A task's module making a scratch directory at load, read only by a function the program calls (q1): the program's
// thread makes it once; a worker importing the module for `triple` must not make another.
const prefix = `entry-declarations-${process.pid}-scratch-`;
const scratch = mkdtempSync(join(tmpdir(), prefix));
const marker = join(scratch, 'loaded');
writeFileSync(marker, 'yes');

/** @task */
export function triple(n: number): number {
  return n * 3;
}

export function scratchDirs(): number {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(prefix)).length;
}

export const markerText = (): string => readFileSync(marker);

function readFileSync(path: string): string {
  return require('node:fs').readFileSync(path, 'utf8');
}

export function removeScratch(): void {
  for (const name of readdirSync(tmpdir())) if (name.startsWith(prefix)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
}
