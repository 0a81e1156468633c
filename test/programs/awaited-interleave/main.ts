/**
 * Async workers awaiting tasks of very different lengths (a Go worker pool's port): in plain code each await resumes
 * a microtask later, in the order the awaits were reached, so the first worker's long call ends first. The tasks
 * run side by side; their continuations resume in the plain order.
 */
import { check, spin } from './kernels';

async function worker(id: number, jobs: number[]) {
  for (const n of jobs) {
    console.log(`start ${id} ${n}`);
    const r = await spin(n);
    console.log(`end ${id} ${r}`);
  }
  return id;
}

async function checked(id: number, n: number) {
  const v = await check(n);
  console.log(`checked ${id}`, v);
  return v;
}

async function main() {
  const ids = await Promise.all([worker(1, [6e7, 10]), worker(2, [10, 20]), worker(3, [30])]);
  console.log('workers', ids.join(','));
  // A failure rejects its worker's promise where the plain call's throw did, after the earlier awaits resumed.
  const settled = await Promise.allSettled([checked(1, 5e6), checked(2, -1), checked(3, 7)]);
  console.log(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message)).join(' '));
  // A finished task awaited after a running one: it waits its turn.
  const slow = spin(5e7);
  const quick = spin(5);
  const [a, b] = await Promise.all([(async () => { const v = await slow; console.log('slow', v); return v; })(),
    (async () => { const v = await quick; console.log('quick', v); return v; })()]);
  console.log('both', a, b);
}
main().then(() => console.log('done'));
