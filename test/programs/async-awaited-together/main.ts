/**
 * An async function that awaits others through `await Promise.all([...])` / `allSettled` / `Promise.all(xs.map(async …))`
 * and then calls a task that fails: its promise rejects, as the plain call's throw made it, and its caller's catch
 * handler gets the error (tester #28's P2: it ended the program as an uncaught error instead).
 */
import { checked } from './kernels';

async function worker(n: number): Promise<void> {
  await checked(n);
}

async function main(): Promise<void> {
  await Promise.all([worker(1), worker(2)]);
  checked(49);
  console.log('never printed');
}

async function mapped(): Promise<void> {
  await Promise.allSettled([3, 4].map(async (n) => worker(n)));
  checked(70);
  console.log('never printed either');
}

main().catch((e) => { console.log('main failed', (e as Error).message); })
  .then(() => mapped())
  .catch((e) => { console.log('mapped failed', (e as Error).message); });
