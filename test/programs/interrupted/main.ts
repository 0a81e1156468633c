/**
 * A synchronous program that ends up blocked in a wait the plugin put there, holding an @rro segment: the
 * ownership tests kill it (a signal, kill -9) while it waits. argv[2]: how long the second task sleeps (ms).
 */
import { sumAfter } from './kernels';

declare const process: { argv: string[] }; // compiled without @types/node, as the other test programs are

const samples = new Float64Array(1 << 16).fill(1);
const quick = sumAfter(samples, 0);
console.log(`QUICK ${quick}`); // the first wait: by now the segment exists
const slow = sumAfter(samples, Number(process.argv[2] ?? 60_000));
console.log('READY');
console.log(`SLOW ${slow}`); // blocked here, in Atomics.wait
