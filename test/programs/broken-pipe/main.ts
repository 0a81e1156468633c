// `node main.js | head -1`: the reader goes away after the first line. Console writes after that fail (EPIPE), which
// Node's console swallows, so the plain program goes on and exits 0; a raw `process.stdout.write` fails the program.
// The reader's going is signalled by a file the test makes once it has closed the pipe.
import { existsSync } from 'node:fs';

/** @task */
export function waitFor(path: string): number {
  const until = Date.now() + 30_000;
  while (!existsSync(path) && Date.now() < until) { /* wait for the reader to go */ }
  return existsSync(path) ? 1 : 0;
}

/** @task */
export function tally(xs: number[]): number {
  console.log('tally of', xs.length); // printed by a task, after the pipe is gone
  return xs.reduce((a, b) => a + b, 0);
}

console.log('first');
const gone = waitFor(process.env.READER_GONE ?? '');
for (let i = 0; i < 20; i++) console.log('line', i, gone);
console.log('total', tally([1, 2, 3]));
if (process.env.RAW_WRITE) process.stdout.write('raw write\n');
console.error('done');
