// A failing call inside an async function or a promise callback rejects its promise, as the plain call's throw did:
// `main().catch(…)`, `.then(onFulfilled, onRejected)`, a `new Promise` executor. What follows the call in it does
// not happen; async functions that succeed keep their calls in parallel.
import { check, twice } from './kernels';

let validated = 0;

async function main(): Promise<void> {
  check(-1);
  console.log('unreached');
}

async function validate(xs: number[]): Promise<number> {
  for (const x of xs) check(x);
  validated++;
  return xs.length;
}

function half(x: number): void {
  check(x);
}

/** Its task call is in the function it calls: it still checks when it ends. */
async function viaHelper(x: number): Promise<void> {
  half(x);
}

async function run(): Promise<void> {
  await main().catch((e) => console.log('caught', (e as Error).message));
  await viaHelper(-5).catch((e) => console.log('caught via helper', (e as Error).message));
  await viaHelper(5).then(() => console.log('helper ok'));
  await Promise.resolve(-3)
    .then((v) => {
      check(v);
      console.log('then body');
    })
    .catch((e) => console.log('caught then', (e as Error).message));
  console.log('validated', await validate([1, 2, 3]), validated);
  await validate([1, -2]).then((n) => console.log('never', n), (e) => console.log('rejected', (e as Error).message));
  console.log('validated', validated);
  await new Promise<void>((resolve) => {
    check(-4);
    resolve();
  }).catch((e) => console.log('executor', (e as Error).message));
  const doubled = await Promise.all([1, 2, 3, 4].map(async (k) => {
    await null;
    return twice(k);
  }));
  console.log(doubled.join(' '));
}

run().then(() => console.log('done'), (e) => console.log('run failed', e));
