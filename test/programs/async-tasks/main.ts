/**
 * Calls of async tasks are Promises, as in plain code: kept and awaited later, chained with then/catch/finally,
 * combined with Promise.all/allSettled/race (which see the failures in the order of the calls).
 */
import { later, riskyAsync, slow } from './kernels';
async function main() {
  const p = slow(4);
  console.log('instanceof', p instanceof Promise, typeof (p as any).then);
  console.log('awaited later', await p);
  const ps = [1, 2, 3].map((x) => slow(x));
  let s = 0;
  for (const q of ps) s += await q;
  console.log('loop await', s);
  const viaAsyncCb = await Promise.all([4, 5].map(async (x) => (await slow(x)) + 1));
  console.log('async cb', viaAsyncCb.join());
  try { await slow(-2); } catch (e) { console.log('caught', (e as Error).message); }
  const res = await slow(-3).catch((e: Error) => 'recovered ' + e.message);
  console.log(res);
  await slow(1).finally(() => console.log('finally cb'));
}
async function combined() {
  try { await Promise.all([4, 7, 9].map((x) => riskyAsync(x))); } catch (e) { console.log('all failed:', (e as Error).message); }
  const r = await Promise.race([riskyAsync(1), riskyAsync(2)]);
  console.log('race', r);
  const settled = await Promise.allSettled([riskyAsync(1), riskyAsync(7)]);
  console.log('settled', settled.map((s) => s.status).join(' '));
  await riskyAsync(3).then((n) => console.log('then', n * 2));
  const p = later(4);
  console.log('a Promise', p instanceof Promise);
  await p.then((v) => console.log('later', v));
}
main().then(combined).then(() => console.log('end'));
