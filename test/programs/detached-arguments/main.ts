/**
 * Typed arrays whose buffer was transferred away (tester np37's detach): the plain call saw zero-length arrays, so a
 * call given one runs in place (store/refusals.ts detachedError, refused for its kind); the other calls go to workers.
 */
import { lengths, sum } from './kernels';

const sent = new Float64Array([1, 2, 3]);
structuredClone(sent.buffer, { transfer: [sent.buffer] });
const kept = new Float64Array([4, 5]);
console.log(sum(sent), sum(kept), lengths([sent, kept]));
try {
  console.log(sum(sent) + sum(kept));
} catch (e) {
  console.log('caught', (e as Error).message);
}
