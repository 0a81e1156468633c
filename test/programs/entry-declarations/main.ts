import { appendFileSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markerText, removeScratch, scratchDirs, triple } from './scratch';

// Declarations of a task's module whose values do things: computed by the program's thread only, never again in a
// worker importing this module (tester #24's F1-F3).
const dir = mkdtempSync(join(tmpdir(), 'entry-declarations-'));
// (Read by a task: computed in workers too, the same path in every thread.)
const LOG = join(tmpdir(), `entry-declarations-${process.pid}.log`);
writeSync(openSync(LOG, 'w'), '');

/** @task */
export function sq(n: number): number {
  return n * n;
}

/** @task */
export function work(n: number): number {
  appendFileSync(LOG, `work ${n}\n`);
  return n * 2;
}

// A task reading a declaration computed by a function of the program: workers still compute it.
function base(): number {
  return 'abc'.length * 10;
}
const BASE = base();

/** @task */
export function offset(n: number): number {
  return n + BASE;
}

// A file opened by a declaration: a worker reopening it would empty it.
const file = join(dir, 'out.txt');
const fd = openSync(file, 'w');
writeSync(fd, 'header\n');
writeSync(fd, `${sq(3)}\n`);
closeSync(fd);
console.log(JSON.stringify(readFileSync(file, 'utf8')));

// A declaration reading what entry code filled: a worker has an empty map.
const m = new Map<number, number>();
for (const n of [1, 2]) m.set(n, sq(n));
const first = [...m][0][0];
const second = first + m.size;
console.log('first', first, second);

// A task's value in a declaration: the task runs once.
const a = work(1);
const b = work(2);
console.log('work', a, b, offset(5));
console.log(readFileSync(LOG, 'utf8').trim().split('\n').sort().join(','));
console.log('scratch', [1, 2].map((n) => triple(n)).join(','), markerText(), 'directories made', scratchDirs());
removeScratch();
rmSync(dir, { recursive: true, force: true });
rmSync(LOG, { force: true });
