// `await Promise.allSettled([t(2), t(3)])`, `Promise.any`, `Promise.race` with synchronous tasks' calls in the list:
// a call that throws throws while the plain program builds the list, so the await's catch gets that error and the
// combinator never runs (tester np35's q69/q70: the taskified build settled, `settled fulfilled,rejected`). An async
// task's call gives a rejected promise instead, which the combinator does see; so does a promise the list holds.

/** @task */
export function tenfold(x: number): number { if (x % 2) throw new Error('odd ' + x); return x * 10; }

/** @task */
export async function later(x: number): Promise<number> { if (x % 2) throw new Error('async odd ' + x); return x + 1; }

const log: string[] = [];

async function settled(xs: [number, number, number]) {
  try {
    const r = await Promise.allSettled([tenfold(xs[0]), tenfold(xs[1]), tenfold(xs[2])]);
    log.push('settled ' + r.map((x) => (x.status === 'fulfilled' ? x.value : x.status)).join(','));
  } catch (e) { log.push('settled threw ' + (e as Error).message); }
}

async function any(a: number, b: number) {
  try { log.push('any ' + (await Promise.any([tenfold(a), tenfold(b)]))); } catch (e) { log.push('any threw ' + (e as Error).message); }
}

async function race(a: number, b: number) {
  try { log.push('race ' + (await Promise.race([tenfold(a), tenfold(b)]))); } catch (e) { log.push('race threw ' + (e as Error).message); }
}

async function mixed() {
  const rejected = Promise.reject(new Error('held'));
  rejected.catch(() => {});
  try {
    const r = await Promise.allSettled([tenfold(4), later(3), rejected, later(2)]);
    log.push('mixed ' + r.map((x) => (x.status === 'fulfilled' ? x.value : (x.reason as Error).message)).join(','));
  } catch (e) { log.push('mixed threw ' + (e as Error).message); }
}

async function main() {
  await settled([2, 4, 6]);
  await settled([2, 3, 5]);
  await any(3, 2);
  await any(2, 4);
  await race(6, 8);
  await race(6, 7);
  await mixed();
  console.log(log.join('\n'));
}
main();
