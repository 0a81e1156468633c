// A forwarder reading a module's `const` declared after the first calls of it (rv67's const-tdz): run ahead in a split
// loop, its calls would read K before `const K = 2` ran and throw before the loop's `seen++`; it must run at its turn.
import { weighted } from './kernels';
const arrs = [1, 2, 3].map((k) => new Float64Array(3).fill(k));
function w(a: Float64Array): number { return weighted(a, K); }
let seen = 0;
function run(): number[] {
  const out: number[] = [];
  for (const a of arrs) {
    seen++;
    out.push(w(a));
  }
  return out;
}
try { console.log('out', run().join(',')); } catch (e) { console.log('caught', (e as Error).message, seen); }
const K = 2;
console.log('out', run().join(','), seen);
