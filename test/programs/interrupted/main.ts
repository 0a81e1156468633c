/**
 * A synchronous program that ends up blocked in a wait the plugin put there, holding an @rro segment: the
 * ownership tests kill it (a signal, kill -9) while it waits. argv[2]: how long the second task sleeps (ms).
 */
import { sumAfter } from './kernels';

declare const process: { argv: string[] }; // compiled without @types/node, as the other test programs are
declare const require: (module: 'node:fs') => { writeSync(fd: number, text: string): void };

const samples = new Float64Array(1 << 16).fill(1);
const quick = sumAfter(samples, 0);
console.log(`QUICK ${quick}`); // the first wait: by now the segment exists
const slow = sumAfter(samples, Number(process.argv[2] ?? 60_000));
// Straight to the descriptor: console output waits behind the running task, as the plain program's would behind its call.
require('node:fs').writeSync(1, 'READY\n');
console.log(`SLOW ${slow}`); // blocked here, in Atomics.wait
