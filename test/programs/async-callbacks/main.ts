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

main().catch((e) => console.log('main failed', (e as Error).message));
