// A failing task inside `async` arrows handed to the Promise combinators: each failure is that arrow's rejected
// promise, as in plain code, never a throw out of the `map` that made them.
import { risky } from './kernels';

async function main(): Promise<void> {
  console.log('any', await Promise.any([3, 7].map(async (n) => risky(n))));
  try {
    await Promise.all([3, 1].map(async (n) => risky(n)));
  } catch (e) {
    console.log('all failed', (e as Error).message);
  }
  const settled = await Promise.allSettled([1, 2, 3, 4, 6].map(async (n) => risky(n) + 1));
  console.log(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message)).join(', '));
  const raced = await Promise.race([5, 9].map(async (n) => risky(n))).catch((e: Error) => e.message);
  console.log('race', raced);
  const kept = [1, 2, 4].filter(async (n) => risky(n) > 20);
  console.log('filter keeps promises', kept.length);
}

// An async function that returns Promise.all of async calls each catching its task's failure after its `await`
// (np21's r26): its end must not wait for those tasks and throw what they catch.
async function safe(n: number): Promise<string> {
  try { return `ok ${await risky(n)}`; } catch (e) { return `caught ${(e as Error).message}`; }
}
async function all(ns: number[]): Promise<string[]> { return Promise.all(ns.map((n) => safe(n))); }
async function inline(ns: number[]): Promise<number[]> {
  return Promise.all(ns.map(async (n) => { try { return await risky(n); } catch { return -1; } }));
}

main().catch((e) => console.log('main failed', (e as Error).message))
  .then(() => all([1, 3]))
  .then((lines) => console.log('safe', lines.join(', ')))
  .then(() => inline([2, 9]))
  .then((values) => console.log('inline', values.join(', ')));
