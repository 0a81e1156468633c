/**
 * An async task's failure is a rejected Promise: the plain call had returned, and the calls after it read what the
 * function wrote before failing. A later task reading the object runs (it is not cancelled) on those contents.
 */
import { sum, writeThenReject } from './kernels';
async function main() {
  const a = new Float64Array(4), b = new Float64Array(4).fill(3);
  const p = writeThenReject(a, -1);
  console.log('independent', sum(b));
  try { await p; } catch (e) { console.log('caught', (e as Error).message); }
  console.log('a', a.join(), sum(a));
  const q = writeThenReject(a, -2);
  console.log('sum after the rejected call', sum(a));
  await q.catch((e) => console.log('caught later', e.message));
  writeThenReject(b, 5);
  console.log('b', sum(b));
}
main().catch((e) => console.log('main failed', e.message));
