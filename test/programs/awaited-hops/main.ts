/**
 * `await sum(a)` of a finished task resumes a microtask later, as the plain await of the value did: before the
 * `.catch` on an earlier call's Promise, which needs two. (A task still running resumes when it finishes, after
 * every other chain of microtasks: in workers the order of these two lines may differ.)
 */
import { rejectLater, sum } from './kernels';
async function main() {
  const a = new Float64Array(4).fill(3);
  const q = rejectLater(1);
  q.catch((e) => console.log('caught', e.message));
  console.log('sum', sum(a));
  console.log('awaited', await sum(a));
}
main();
